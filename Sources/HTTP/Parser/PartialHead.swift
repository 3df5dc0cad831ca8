/// The parts of a request gathered while its head and body arrive.
struct PartialHead: Sendable {
    var method = HTTPMethod.get
    var target = ""
    var path = "/"
    var pathSegments: [String] = []
    var query: [(name: String, value: String)] = []
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var headerBytes = 0
    /// Header and trailer fields seen, for the count limit.
    var fieldCount = 0
    var body: [UInt8] = []
    var keepAlive = true
    var expectContinue = false
    /// Whether the `continueExpected` event was already produced for this request.
    var receivedContinue = false

    func request() -> HTTPRequest {
        HTTPRequest(method: method, target: target, path: path, pathSegments: pathSegments, query: query,
                    version: version, headers: headers, body: body, keepAlive: keepAlive)
    }
}
