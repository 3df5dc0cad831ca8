import Foundation

/// A response: status, headers and body bytes. The server adds `Content-Length`, `Date`, `Server`
/// and `Connection` itself, so handlers never set framing headers (any they set are replaced).
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from bytes already encoded (the fast path: no encoder involved).
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }

    /// A JSON response from text already encoded.
    public static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        json(bytes: Array(text.utf8), status: status)
    }

    /// A JSON response encoded with `JSONEncoder` (keys sorted for stable output). Convenient but
    /// costs microseconds; hot endpoints should build their bytes directly.
    public static func json<Value: Encodable>(encoding value: Value, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(bytes: Array(try encoder.encode(value)), status: status)
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The single rendering of an error: `{"error":{"code":"…","message":"…"}}` as JSON, with the
    /// error's status and extra headers.
    public init(error: HTTPError) {
        var text = #"{"error":{"code":"#
        text += JSONEscaping.quoted(error.code)
        text += #","message":"#
        text += JSONEscaping.quoted(error.message)
        text += "}}"
        var headers = error.headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        self.init(status: error.status, headers: headers, body: Array(text.utf8))
    }
}
