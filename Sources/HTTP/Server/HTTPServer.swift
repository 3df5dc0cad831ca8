import Logging
import Foundation
import Threads

/// A generic HTTP/1.1 server on POSIX sockets and epoll.
///
/// Threads: one acceptor; `eventLoopCount` event loops each owning an epoll instance and its
/// connections, which run the handlers of loop-placed routes; and `handlerThreads` threads for
/// pool-placed routes (`HandlerPlacement`), whose answers the loops send in request order.
/// Sockets are non-blocking and level-triggered; every connection has one deadline at a time
/// (header, body, idle, write or linger) kept in a per-loop heap that sets the `epoll_wait` timeout.
public final class HTTPServer: @unchecked Sendable {
    public let configuration: Configuration
    private let router: Router
    private let lock = NSLock()
    private var acceptor: Acceptor?
    private var loops: [EventLoop] = []
    private var pool: HandlerPool?
    private var threads = DispatchGroup()
    private var acceptorDone = DispatchSemaphore(value: 0)
    private var state = State.idle
    private let stopped = DispatchSemaphore(value: 0)

    private enum State { case idle, running, stopping, stopped }

    /// The port bound by `start()`, or `nil` before.
    public private(set) var port: Int?
    /// The soft `RLIMIT_NOFILE` after `start()` raised it to the hard limit.
    public private(set) var fileDescriptorLimit: UInt64 = 0

    public init(configuration: Configuration = Configuration(), router: Router) {
        self.configuration = configuration
        self.router = router
    }

    /// Raises the open-file soft limit to the hard limit (logged, and kept in
    /// `fileDescriptorLimit`), binds, starts the threads and returns the bound port (useful with
    /// port 0). Throws `HTTPServerError` for a bad host or port, `SystemCallError` if binding fails.
    @discardableResult
    public func start() throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard state == .idle else { throw HTTPServerError.alreadyStarted }

        if let limits = try? Syscalls.raiseFileDescriptorLimit() {
            fileDescriptorLimit = limits.after
            configuration.logger.info("open file limit", metadata: ["before": "\(limits.before)", "after": "\(limits.after)"])
        }
        let listenFD = try ListeningSocket.open(host: configuration.host, port: configuration.port,
                                                backlog: configuration.backlog)
        let counter = ConnectionCounter(limit: configuration.maxConnections)
        let handlerPool = configuration.handlerThreads > 0 ? HandlerPool(threads: configuration.handlerThreads) : nil
        do {
            let boundPort = try Syscalls.boundPort(listenFD)
            var created: [EventLoop] = []
            for _ in 0..<max(1, configuration.eventLoopCount) {
                created.append(try EventLoop(configuration: configuration, router: router, pool: handlerPool,
                                             openConnections: counter))
            }
            let acceptor = try Acceptor(listenFD: listenFD, loops: created, counter: counter, logger: configuration.logger)
            loops = created
            pool = handlerPool
            self.acceptor = acceptor
            port = boundPort
        } catch {
            handlerPool?.stop()
            Syscalls.close(listenFD)
            throw error
        }
        for (index, loop) in loops.enumerated() {
            threads.enter()
            startThread(named: "http-loop-\(index)") { [threads] in
                loop.run()
                threads.leave()
            }
        }
        startThread(named: "http-accept") { [acceptor, acceptorDone] in
            acceptor?.run()
            acceptorDone.signal()
        }
        state = .running
        configuration.logger.info("listening", metadata: ["address": "\(configuration.host):\(port ?? 0)", "event_loops": "\(loops.count)"])
        return port ?? 0
    }

    /// Stops accepting, lets in-flight requests finish for up to `gracePeriod`, closes idle
    /// connections, then closes whatever is left and joins the threads. Blocks until done; must not
    /// be called from a handler (it would wait for its own loop). Later calls return at once.
    public func stop(gracePeriod: Duration = .seconds(10)) {
        lock.lock()
        guard state == .running else {
            lock.unlock()
            return
        }
        state = .stopping
        lock.unlock()

        acceptor?.stop()
        acceptorDone.wait()
        let deadline = Syscalls.monotonicNanoseconds() &+ gracePeriod.nanoseconds
        for loop in loops { loop.drain(deadline: deadline) }
        threads.wait()
        pool?.stop()

        lock.lock()
        state = .stopped
        loops = []
        pool = nil
        acceptor = nil
        lock.unlock()
        configuration.logger.info("stopped")
        stopped.signal()
    }

    /// Blocks the caller until `stop` has finished (for a command-line main thread). Returns at
    /// once if already stopped; blocks forever on a server that is never started and stopped.
    public func waitUntilStopped() {
        stopped.wait()
        stopped.signal()
    }

    /// Calls `stop(gracePeriod:)` when the process receives one of `signals` (SIGINT and SIGTERM by
    /// default), replacing their default action. The handler only writes to a pipe; the stop runs
    /// on a watcher thread, never inside the handler.
    public func stopOnSignals(_ signals: [Int32] = [SIGINT, SIGTERM], gracePeriod: Duration = .seconds(10)) throws {
        try SignalRelay.shared.watch(signals) { [weak self] signalNumber in
            self?.configuration.logger.notice("stopping on a signal; requests in flight finish", metadata: ["signal": "\(signalNumber)"])
            self?.stop(gracePeriod: gracePeriod)
        }
    }
}
