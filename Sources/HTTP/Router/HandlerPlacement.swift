/// Which thread runs a route's handler.
///
/// An event loop serves many connections, so a handler that blocks it — a disk sync, a database
/// round trip, milliseconds of arithmetic — delays every other connection on that loop. Such
/// routes run on the server's handler pool instead; handlers that take microseconds stay on the
/// loop, where they cost no hand-off between threads.
public enum HandlerPlacement: Sendable {
    /// On the event loop that read the request.
    case eventLoop
    /// On the handler pool (`HTTPServer.Configuration.handlerThreads`).
    case pool
    /// On the pool when the closure, run on the loop, says the request is expensive — say, only
    /// when it asks for the slow model. It must be cheap and must not block.
    case poolWhen(@Sendable (HTTPRequest) -> Bool)

    func runsOnPool(_ request: HTTPRequest) -> Bool {
        switch self {
        case .eventLoop: false
        case .pool: true
        case .poolWhen(let isExpensive): isExpensive(request)
        }
    }
}
