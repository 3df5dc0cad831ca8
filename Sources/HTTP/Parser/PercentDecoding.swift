/// Percent-decoding of request-target components (RFC 3986 §2.1), done once by the parser.
enum PercentDecoding {
    /// Decodes `bytes`; `plusAsSpace` applies the form convention used in queries. Rejects bad
    /// escapes, decoded NUL and invalid UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool) throws(HTTPError) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2]) else {
                    throw .invalidPercentEncoding
                }
                let decoded = high << 4 | low
                if decoded == 0 { throw .nulByte }
                output.append(decoded)
                index += 3
            } else {
                output.append(plusAsSpace && byte == UInt8(ascii: "+") ? ASCII.space : byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }
}
