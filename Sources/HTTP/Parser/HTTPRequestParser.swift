#if canImport(Glibc)
import Glibc
#endif

/// An incremental HTTP/1.1 request parser (RFC 9112) as a plain value: feed it bytes with `append`,
/// take events with `next()`. It does no I/O and keeps no references, so it can be driven by the
/// server, by unit tests, or by a fuzzer with any split of the input.
///
/// Any error is final: the parser stays failed and the connection must be closed after answering,
/// because the framing of whatever follows can no longer be trusted.
public struct HTTPRequestParser: Sendable {
    /// What `next()` produced.
    public enum Event: Sendable {
        /// The head asked for `Expect: 100-continue` and its body has not arrived yet: the server
        /// should send `100 Continue` now.
        case continueExpected
        /// A complete request.
        case request(HTTPRequest)
    }

    /// How far the parser is into the current request, which decides which timeout applies.
    public enum Phase: Sendable, Equatable {
        /// No byte of a next request has arrived.
        case idle
        /// Part of a request head has arrived.
        case head
        /// The head is complete and the body is arriving.
        case body
    }

    enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    public let limits: HTTPParserLimits
    var buffer: [UInt8] = []
    /// First byte not yet consumed.
    var start = 0
    /// Where the search for the next LF resumes (bytes before it hold no LF).
    var scanned = 0
    var state = State.requestLine
    var head = PartialHead()
    var failure: HTTPError?

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    public var phase: Phase {
        switch state {
        case .requestLine: return start == buffer.count ? .idle : .head
        case .headers: return .head
        default: return .body
        }
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes.
    public mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next event the buffered bytes allow, or `nil` when more bytes are needed.
    public mutating func next() throws(HTTPError) -> Event? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start >= 4096 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
    }

    private mutating func step() throws(HTTPError) -> Event? {
        while true {
            switch state {
            case .requestLine:
                guard let end = nextLineEnd() else {
                    if buffer.count - start > limits.maxRequestLineBytes { throw .requestLineTooLong }
                    return nil
                }
                if end - start > limits.maxRequestLineBytes { throw .requestLineTooLong }
                let line = try takeLine(endingAt: end)
                if line.isEmpty { continue }  // RFC 9112 §2.2: ignore empty lines before a request
                head = PartialHead()
                try parseRequestLine(line)
                state = .headers

            case .headers:
                guard let end = nextLineEnd() else {
                    if head.headerBytes + buffer.count - start > limits.maxHeaderBytes { throw .headersTooLarge }
                    return nil
                }
                head.headerBytes += end - start + 1
                if head.headerBytes > limits.maxHeaderBytes { throw .headersTooLarge }
                let line = try takeLine(endingAt: end)
                if line.isEmpty {
                    if let event = try finishHead() { return event }
                } else {
                    try parseFieldLine(line, isTrailer: false)
                }

            case .fixedBody(let remaining):
                let available = buffer.count - start
                if available < remaining {
                    return continueEventIfNeeded(bodyBytesAvailable: available > 0)
                }
                head.body.append(contentsOf: buffer[start..<start + remaining])
                start += remaining
                scanned = start
                return complete()

            case .chunkSize:
                guard let end = nextLineEnd() else {
                    if buffer.count - start > Self.maxChunkLineBytes { throw .invalidChunkSize }
                    return continueEventIfNeeded(bodyBytesAvailable: buffer.count > start)
                }
                if end - start > Self.maxChunkLineBytes { throw .invalidChunkSize }
                let line = try takeLine(endingAt: end)
                let (size, extensionBytes) = try Self.parseChunkSize(line)
                head.chunkExtensionBytes += extensionBytes
                if head.chunkExtensionBytes > limits.maxChunkExtensionBytes { throw .chunkExtensionsTooLarge }
                if size == 0 {
                    state = .trailers
                } else {
                    if size > limits.maxBodyBytes - head.body.count { throw .bodyTooLarge }
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let available = min(buffer.count - start, remaining)
                if available == 0 { return nil }
                head.body.append(contentsOf: buffer[start..<start + available])
                start += available
                scanned = start
                state = available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available)

            case .chunkDataEnd:
                if buffer.count - start < 2 { return nil }
                guard buffer[start] == ASCII.cr, buffer[start + 1] == ASCII.lf else { throw .invalidChunkEnd }
                start += 2
                scanned = start
                state = .chunkSize

            case .trailers:
                guard let end = nextLineEnd() else {
                    if head.headerBytes + buffer.count - start > limits.maxHeaderBytes { throw .headersTooLarge }
                    return nil
                }
                head.headerBytes += end - start + 1
                if head.headerBytes > limits.maxHeaderBytes { throw .headersTooLarge }
                let line = try takeLine(endingAt: end)
                if line.isEmpty { return complete() }
                try parseFieldLine(line, isTrailer: true)
            }
        }
    }

    /// Longest chunk-size line, extensions included: extensions carry nothing here, so a long one
    /// is only a way to make the server buffer. Their total per request is capped too
    /// (`HTTPParserLimits.maxChunkExtensionBytes`), or one-byte chunks could each carry this much.
    static let maxChunkLineBytes = 1024

    /// Index of the next LF at or after `start`, remembering how far it looked.
    private mutating func nextLineEnd() -> Int? {
        let from = Swift.max(scanned, start)
        let count = buffer.count
        if from >= count { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress,
                  let hit = memchr(base + from, Int32(ASCII.lf), count - from) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        scanned = found ?? count
        return found
    }

    /// Consumes the line ending at the LF at `end`, checks its CRLF, bare CR and NUL, and returns
    /// it without the CRLF.
    private mutating func takeLine(endingAt end: Int) throws(HTTPError) -> ArraySlice<UInt8> {
        guard end > start, buffer[end - 1] == ASCII.cr else { throw .bareLF }
        let line = buffer[start..<end - 1]
        for byte in line where byte <= ASCII.cr {
            if byte == ASCII.cr { throw .bareCR }
            if byte == 0 { throw .nulByte }
        }
        start = end + 1
        scanned = start
        return line
    }

    /// Emits `continueExpected` once, for a head that asked for it, while its body has not started.
    private mutating func continueEventIfNeeded(bodyBytesAvailable: Bool) -> Event? {
        guard head.expectContinue, !head.receivedContinue, !bodyBytesAvailable else { return nil }
        head.receivedContinue = true
        return .continueExpected
    }

    private mutating func complete() -> Event {
        state = .requestLine
        var finished = PartialHead()
        swap(&finished, &head)
        return .request(finished.request())
    }
}
