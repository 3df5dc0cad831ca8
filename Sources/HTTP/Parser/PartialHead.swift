/// The parts of a request gathered while its head and body arrive.
struct PartialHead: Sendable {
    var method = HTTPMethod.get
    var target = ""
    var path = "/"
    var pathSegments: [String] = []
    var query: [HTTPField] = []
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var headerBytes = 0
    /// Bytes of chunk extensions so far, for their total limit.
    var chunkExtensionBytes = 0
    /// Header and trailer fields seen, for the count limit.
    var fieldCount = 0
    var body: [UInt8] = []
    var keepAlive = true
    var expectContinue = false
    /// Whether the `continueExpected` event was already produced for this request.
    var receivedContinue = false

    /// The fields that decide framing and connection handling, gathered as they arrive so the
    /// head is not searched again by name.
    var hostCount = 0
    var connectionValues: [String] = []
    var expectValue: String?
    var contentLengths: [String] = []
    var transferEncodings: [String] = []

    /// Notes `name: value` if it is one of those fields (`text` is `value` as a string); throws
    /// for a Host that is not `host[:port]`.
    mutating func noteFramingField(name: ArraySlice<UInt8>, value bytes: ArraySlice<UInt8>, text value: String) throws(HTTPError) {
        switch name.count {
        case 4 where ASCII.equalsLowercased(name, "host"):
            guard Authority.isHostAndPort(bytes) else { throw .invalidHost }
            hostCount += 1
        case 6 where ASCII.equalsLowercased(name, "expect"):
            expectValue = expectValue.map { $0 + "," + value } ?? value
        case 10 where ASCII.equalsLowercased(name, "connection"):
            connectionValues.append(value)
        case 14 where ASCII.equalsLowercased(name, "content-length"):
            contentLengths.append(value)
        case 17 where ASCII.equalsLowercased(name, "transfer-encoding"):
            transferEncodings.append(value)
        default:
            break
        }
    }

    consuming func request() -> HTTPRequest {
        HTTPRequest(method: method, target: target, path: path, pathSegments: pathSegments, query: query,
                    version: version, headers: headers, body: body, keepAlive: keepAlive)
    }
}
