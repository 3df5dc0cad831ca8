/// What the server reports once per answered request, for metrics and the access log: labels
/// (route template, method, status), what was asked and answered, and the time from the request
/// being complete to its response being queued.
public struct HTTPRequestRecord: Sendable {
    /// The matched route template; `"unmatched"` for 404s; `"invalid"` (method `UNKNOWN`) for requests
    /// rejected by the parser or timed out before they were complete.
    public let route: String
    public let method: HTTPMethod
    public let status: Int
    /// Seconds spent routing, in the handler and serialising the response.
    public let duration: Double
    /// The id the answer carried in `X-Request-Id` (the client's, or one the server made).
    public let requestID: String
    /// The request-target as received (empty for a request rejected before it was parsed).
    public let target: String
    /// Bytes of the response body.
    public let bytes: Int

    public init(route: String, method: HTTPMethod, status: Int, duration: Double, requestID: String = "",
                target: String = "", bytes: Int = 0) {
        self.route = route
        self.method = method
        self.status = status
        self.duration = duration
        self.requestID = requestID
        self.target = target
        self.bytes = bytes
    }
}
