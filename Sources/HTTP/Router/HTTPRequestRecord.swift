/// What the server reports once per answered request, for metrics: labels (route template,
/// method, status) and the time from the request being complete to its response being queued.
public struct HTTPRequestRecord: Sendable {
    /// The matched route template; `"unmatched"` for 404s; `"invalid"` (method `UNKNOWN`) for requests
    /// rejected by the parser or timed out before they were complete.
    public let route: String
    public let method: HTTPMethod
    public let status: Int
    /// Seconds spent routing, in the handler and serialising the response.
    public let duration: Double

    public init(route: String, method: HTTPMethod, status: Int, duration: Double) {
        self.route = route
        self.method = method
        self.status = status
        self.duration = duration
    }
}
