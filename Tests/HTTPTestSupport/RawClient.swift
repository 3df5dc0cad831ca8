import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client that speaks raw bytes, so tests control exactly what goes on the wire.
/// Shared by the HTTP module's tests and the service's live-socket tests.
public final class RawClient {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private var fd: Int32
    private var received: [UInt8] = []

    /// - Parameter receiveBufferBytes: a small kernel receive buffer, set before connecting, so that
    ///   what the client does not read backs up into the server instead of into this socket.
    public init(port: Int, receiveTimeoutSeconds: Int = 5, receiveBufferBytes: Int? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed: errno \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBufferBytes.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let failure = Failure(description: "connect failed: errno \(errno)")
            // deinit runs for an initializer that throws once every property is set: it must not
            // close the descriptor again, by then perhaps another thread's socket.
            Glibc.close(fd)
            fd = -1
            throw failure
        }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Closes with a reset (RST) instead of a FIN, as a client that crashed or gave up does.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        Glibc.close(fd)
        fd = -1
    }

    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Half-closes: the server sees EOF after what was sent.
    public func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads more bytes; `false` on EOF or reset, throws on timeout.
    private func receiveMore() throws -> Bool {
        try receive(upTo: 16 * 1024) > 0
    }

    /// Reads at most `limit` bytes, as they come, and keeps them for `readResponse`; returns how
    /// many arrived, 0 on EOF or reset, and throws on timeout. For clients that read slowly.
    @discardableResult
    public func receive(upTo limit: Int) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: limit)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[0..<count])
            return count
        }
        if count == 0 || errno == ECONNRESET { return 0 }
        throw Failure(description: "receive failed or timed out: errno \(errno)")
    }

    /// Reads one response; `headOnly` for answers to HEAD, whose Content-Length describes no body.
    public func readResponse(headOnly: Bool = false) throws -> RawResponse {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if let found = Self.find(terminator, in: received) {
                headEnd = found
                break
            }
            guard try receiveMore() else { throw Failure(description: "connection closed before a response head") }
        }
        guard let headEnd else { throw Failure(description: "no head") }
        let headText = String(decoding: received[0..<headEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(headText)")
        }
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        received.removeFirst(headEnd + terminator.count)
        var response = RawResponse(status: status, headers: headers, body: [])
        let length = headOnly || status < 200 || status == 204 ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while received.count < length {
            guard try receiveMore() else { throw Failure(description: "connection closed inside a body") }
        }
        response.body = Array(received[0..<length])
        received.removeFirst(length)
        return response
    }

    /// Whether the server closes the connection (EOF or reset) with no further bytes within the
    /// receive timeout. Bytes that do arrive are kept for `readResponse`.
    public func serverClosed() -> Bool {
        do {
            while try receiveMore() {}
            return true
        } catch {
            return false
        }
    }

    /// Bytes received and not yet consumed as a response.
    public var unreadBytes: [UInt8] { received }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }
}

/// A response as read off the wire.
public struct RawResponse {
    public let status: Int
    public let headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The `error.code` of a JSON error body, or `nil`.
    public var errorCode: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        return error["code"] as? String
    }
}
