/// Serialises responses straight into a connection's output buffer, so a batch of pipelined
/// answers leaves in one `send`.
enum ResponseWriter {
    private static let crlf: [UInt8] = [ASCII.cr, ASCII.lf]
    /// Framing and identity headers the server owns; handler copies are dropped.
    private static func isReserved(_ name: String) -> Bool {
        let bytes = name.utf8
        switch bytes.count {
        case 4: return ASCII.equalsLowercased(bytes, "date")
        case 6: return ASCII.equalsLowercased(bytes, "server")
        case 10: return ASCII.equalsLowercased(bytes, "connection")
        case 14: return ASCII.equalsLowercased(bytes, "content-length")
        case 17: return ASCII.equalsLowercased(bytes, "transfer-encoding")
        default: return false
        }
    }

    /// Appends `response` to `output`. `headOnly` drops the body (HEAD) but keeps its length;
    /// `close` announces the connection ends; `keepAliveHTTP1_0` echoes keep-alive to a 1.0 client.
    /// Returns the names of handler headers dropped because they were malformed, for the log.
    static func append(_ response: HTTPResponse, to output: inout [UInt8], date: [UInt8], serverName: [UInt8],
                       headOnly: Bool, close: Bool, keepAliveHTTP1_0: Bool) -> [String] {
        let status = response.status
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &output)
        output.append(ASCII.space)
        output.append(contentsOf: status.reasonPhrase.utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: "Server: ".utf8)
        output.append(contentsOf: serverName)
        output.append(contentsOf: "\r\nDate: ".utf8)
        output.append(contentsOf: date)
        output.append(contentsOf: crlf)
        let hasBody = status.code >= 200 && status.code != 204 && status.code != 304
        if hasBody {
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &output)
            output.append(contentsOf: crlf)
        }
        if close {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if keepAliveHTTP1_0 {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        var dropped: [String] = []
        for field in response.headers {
            let name = field.name
            let value = field.value
            if isReserved(name) { continue }
            guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isToken), value.utf8.allSatisfy(ASCII.isFieldValueByte) else {
                dropped.append(name)
                continue
            }
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: value.utf8)
            output.append(contentsOf: crlf)
        }
        output.append(contentsOf: crlf)
        if hasBody && !headOnly {
            output.append(contentsOf: response.body)
        }
        return dropped
    }

    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                output.append(buffer[index])
            }
        }
    }
}
