/// An error that knows its HTTP answer. Modules above HTTP make their domain errors
/// conform, so a handler throws them as they are and the router renders them: no handler
/// catches and translates errors of its own.
public protocol HTTPResponseError: Error {
    var httpError: HTTPError { get }
}

extension HTTPError: HTTPResponseError {
    public var httpError: HTTPError { self }
}
