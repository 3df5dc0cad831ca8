#if canImport(Glibc)
import Glibc
#endif

/// `uri-host [ ":" port ]` (RFC 3986 §3.2.2–3.2.3), which RFC 9112 §3.2 requires of the Host
/// field — a server must answer 400 to an invalid one — and which an absolute-form target's
/// authority must be after its scheme.
enum Authority {
    /// Whether `bytes` is a host with an optional port: a bracketed IPv6 or IPvFuture literal, or
    /// a reg-name (an IPv4 address is one), then `:` and digits. A comma, which reg-name allows, is
    /// refused: Host is not a list, so a comma can only be two Host values folded into one.
    static func isHostAndPort(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")),
                  isIPLiteral(bytes[(bytes.startIndex + 1)..<close]) else { return false }
            let rest = bytes[(close + 1)...]
            return rest.isEmpty || rest.first == ASCII.colon && isPort(rest.dropFirst())
        }
        guard let colon = bytes.firstIndex(of: ASCII.colon) else { return isRegName(bytes) }
        return isRegName(bytes[bytes.startIndex..<colon]) && isPort(bytes[(colon + 1)...])
    }

    /// `*DIGIT`: RFC 3986 allows an empty port.
    private static func isPort(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `*( unreserved / pct-encoded / sub-delims )` without the comma.
    private static func isRegName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, ASCII.hexValue(bytes[index + 1]) != nil,
                      ASCII.hexValue(bytes[index + 2]) != nil else { return false }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) && byte != UInt8(ascii: ",") else { return false }
            index += 1
        }
        return true
    }

    /// Inside the brackets: `IPv6address` (checked by `inet_pton`, which takes exactly RFC 4291's
    /// text forms) or `IPvFuture`, `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            let afterV = bytes.dropFirst()
            guard let dot = afterV.firstIndex(of: UInt8(ascii: ".")), dot > afterV.startIndex,
                  afterV[afterV.startIndex..<dot].allSatisfy({ ASCII.hexValue($0) != nil }) else { return false }
            let rest = afterV[(dot + 1)...]
            return !rest.isEmpty && rest.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == ASCII.colon }
        }
        guard !bytes.isEmpty, bytes.count <= 45 else { return false }  // the longest text form
        var text = Array(bytes)
        text.append(0)
        var address = in6_addr()
        return text.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { inet_pton(AF_INET6, $0.baseAddress, &address) == 1 }
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
