import Synchronization

/// What the loop keeps of a request while its handler runs: enough to frame the answer and
/// report it, without the body.
struct Exchange: Sendable {
    let method: HTTPMethod
    let path: String
    let version: HTTPVersion
    let keepAlive: Bool
    /// Monotonic nanoseconds when the request was complete (0 when nobody observes durations).
    let started: UInt64

    init(_ request: HTTPRequest, started: UInt64) {
        method = request.method
        path = request.path
        version = request.version
        keepAlive = request.keepAlive
        self.started = started
    }
}

/// A pool handler's answer on its way back to the loop that owns the connection. The connection
/// is named by descriptor and id, since the descriptor may have been closed and reused meanwhile.
struct PoolAnswer: Sendable {
    let fd: Int32
    let connectionID: UInt64
    let exchange: Exchange
    let outcome: Router.Outcome
}

/// A request handed to the pool, as both sides see it: the loop cancels it when the client
/// leaves first, and a pool thread that has not started it yet then skips the handler, so a
/// backlog left by departed clients does not hold up those still waiting.
final class PoolCall: Sendable {
    private let cancelled = Atomic<Bool>(false)

    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
