import Synchronization

/// What the loop keeps of a request while its handler runs: enough to frame the answer and
/// report it, without the body.
struct Exchange: Sendable {
    let method: HTTPMethod
    let path: String
    let target: String
    let version: HTTPVersion
    let keepAlive: Bool
    /// What the answer's `X-Request-Id` says (see `RequestID`).
    let requestID: String
    /// Monotonic nanoseconds when the request was complete (0 when nobody observes durations).
    let started: UInt64

    init(_ request: HTTPRequest, started: UInt64) {
        method = request.method
        path = request.path
        target = request.target
        version = request.version
        keepAlive = request.keepAlive
        requestID = RequestID.of(request)
        self.started = started
    }
}

/// A pool handler's answer on its way back to the loop that owns the connection, or word that
/// the call was skipped (`outcome` nil). The connection is named by descriptor and id, since the
/// descriptor may have been closed and reused meanwhile.
struct PoolAnswer: Sendable {
    let fd: Int32
    let connectionID: UInt64
    let exchange: Exchange
    let outcome: Router.Outcome?
}

/// A request handed to the pool, as both sides see it. The loop marks it when the connection
/// closes under it: a reset, a failed read or send, a timeout. A FIN does not mark it, since a
/// client that half-closed after its requests still waits for their answers. The pool sheds a
/// marked call only when other calls are queued behind it: a backlog left by departed clients
/// then does not hold up those still waiting, while an idle pool wastes nothing by answering.
final class PoolCall: Sendable {
    private let clientLeft = Atomic<Bool>(false)

    func markClientLeft() { clientLeft.store(true, ordering: .relaxed) }

    /// Whether a pool thread should skip the handler, given whether other calls are queued.
    func shouldSkip(backlogged: Bool) -> Bool {
        backlogged && clientLeft.load(ordering: .relaxed)
    }
}
