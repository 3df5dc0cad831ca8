/// The one error type handlers throw to choose an HTTP answer, and the one the parser throws for
/// malformed requests. `code` is a stable snake_case identifier that clients may switch on; `message`
/// is for humans and may change. Rendered once, by `HTTPResponse(error:)`, as
/// `{"error":{"code":…,"message":…}}`.
public struct HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let code: String
    public let message: String
    /// Extra response headers (such as `Allow` on a 405).
    public let headers: HTTPHeaders

    public init(status: HTTPStatus, code: String, message: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public static func badRequest(_ code: String, _ message: String) -> HTTPError {
        HTTPError(status: .badRequest, code: code, message: message)
    }

    public static func notFound(_ message: String = "no such resource") -> HTTPError {
        HTTPError(status: .notFound, code: "not_found", message: message)
    }
}
