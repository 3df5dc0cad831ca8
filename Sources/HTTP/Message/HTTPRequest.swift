/// A complete, validated request. The parser decodes the path and query exactly once, so handlers
/// never see percent escapes; the router fills `pathParameters` and `route`.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as received, for logs.
    public var target: String
    /// The percent-decoded path, such as `/similar/Toy Story`.
    public var path: String
    /// The path split on `/` before decoding, then each segment decoded, so an escaped `%2F` stays
    /// inside its segment. `/a/b` gives `["a", "b"]`; `/` gives `[]`.
    public var pathSegments: [String]
    /// Query parameters in order, `+` read as space, names and values percent-decoded.
    public var query: [HTTPField]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body bytes, with any chunked transfer coding removed.
    public var body: [UInt8]
    /// Whether the connection stays open after this exchange, as the client asked.
    public var keepAlive: Bool
    /// Values of `:name` segments of the matched route.
    public var pathParameters: [String: String] = [:]
    /// The matched route's template (such as `/similar/:movie`), for metrics labels; `nil` until routed.
    public var route: String?

    public init(method: HTTPMethod, target: String, path: String, pathSegments: [String],
                query: [HTTPField] = [], version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], keepAlive: Bool = true) {
        self.method = method
        self.target = target
        self.path = path
        self.pathSegments = pathSegments
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// The first value of query parameter `name`, or `nil`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// A path parameter's value; throws a 400 naming the parameter when the route has none by that name.
    public func parameter(_ name: String) throws -> String {
        guard let value = pathParameters[name] else {
            throw HTTPError.badRequest("missing_path_parameter", "missing path parameter '\(name)'")
        }
        return value
    }

    /// The body as UTF-8 text; throws a 400 if it is not valid UTF-8.
    public func bodyText() throws -> String {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw HTTPError.badRequest("invalid_utf8_body", "request body is not valid UTF-8")
        }
        return text
    }
}
