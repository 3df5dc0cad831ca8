import Logging
import CEpoll
import Synchronization

/// One thread, one epoll instance, many connections. Loop-placed handlers run on this thread: a
/// request costs no hand-off between threads, which is what makes tiny handlers fast; the price is
/// that a slow one delays the other connections on the same loop. Pool-placed handlers run on the
/// `HandlerPool`; while one runs, its connection reads nothing more (but notices a reset, which
/// lets a backlogged pool shed the call), and its answer comes back through the mailbox, so
/// pipelined requests are still answered in order. A connection whose queued answers reach
/// `maxOutputBytes` is neither read nor answered further until its client has read them.
final class EventLoop: @unchecked Sendable {
    let configuration: HTTPServer.Configuration
    let router: Router
    let pool: HandlerPool?
    private let openConnections: ConnectionCounter
    let epoll: Int32
    private let wakeFD: Int32
    private let mailbox = Mutex(Mailbox())
    /// Set by `drain` before the loop reads its mailbox, so a response finished meanwhile already
    /// announces `Connection: close`.
    let drainRequested = Atomic<Bool>(false)
    private var connections: [Connection?] = []
    private var liveCount = 0
    private var nextID: UInt64 = 0
    var heap = DeadlineHeap()
    var dateCache = DateCache()
    var draining = false
    private var drainDeadline: UInt64 = .max
    var readBuffer: UnsafeMutableRawBufferPointer
    let serverName: [UInt8]
    let timeouts: (header: UInt64, body: UInt64, idle: UInt64, write: UInt64, linger: UInt64)

    private struct Mailbox {
        var accepted: [(fd: Int32, rejected: Bool)] = []
        var drainDeadline: UInt64?
        var answered: [PoolAnswer] = []
    }

    /// Answer bytes one connection may produce per turn of the loop before the loop's other
    /// connections get theirs: a client pipelining expensive requests delays a neighbour's
    /// request by one such share, not by its whole pipeline.
    static let turnOutputBytes = 64 * 1024
    /// The method reported to the observer for requests rejected before their method was known.
    static let unknownMethod = HTTPMethod(rawValue: "UNKNOWN")
    static let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
    static let writable = EPOLLOUT.rawValue
    /// While a pool handler runs: only a client's FIN (errors and resets are always reported), so
    /// that the answer to its last request can announce the close.
    static let peerClosed = EPOLLRDHUP.rawValue

    init(configuration: HTTPServer.Configuration, router: Router, pool: HandlerPool?,
         openConnections: ConnectionCounter) throws {
        self.configuration = configuration
        self.router = router
        self.pool = pool
        self.openConnections = openConnections
        epoll = try Syscalls.epollCreate()
        do {
            wakeFD = try Syscalls.eventFD()
            try Syscalls.epollControl(epoll, EPOLL_CTL_ADD, wakeFD, events: EPOLLIN.rawValue)
        } catch {
            Syscalls.close(epoll)
            throw error
        }
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        serverName = Array(configuration.serverName.utf8)
        timeouts = (configuration.headerTimeout.nanoseconds, configuration.bodyTimeout.nanoseconds,
                    configuration.idleTimeout.nanoseconds, configuration.writeTimeout.nanoseconds,
                    configuration.lingerTimeout.nanoseconds)
    }

    deinit {
        readBuffer.deallocate()
        Syscalls.close(wakeFD)
        Syscalls.close(epoll)
    }

    // MARK: Messages from other threads

    /// Hands over an accepted socket; `rejected` ones get 503 and are closed.
    func adopt(_ fd: Int32, rejected: Bool) {
        mailbox.withLock { $0.accepted.append((fd, rejected)) }
        Syscalls.signalEventFD(wakeFD)
    }

    /// Hands back the answer of a handler that ran on the pool.
    func deliver(_ answer: PoolAnswer) {
        mailbox.withLock { $0.answered.append(answer) }
        Syscalls.signalEventFD(wakeFD)
    }

    /// Asks the loop to finish in-flight requests, close idle connections and exit by `deadline`.
    func drain(deadline: UInt64) {
        drainRequested.store(true, ordering: .relaxed)
        mailbox.withLock { $0.drainDeadline = deadline }
        Syscalls.signalEventFD(wakeFD)
    }

    // MARK: The loop

    /// Runs until drained. Called on the loop's own thread.
    func run() {
        let capacity = 256
        let events = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        dateCache.refresh()
        while true {
            let count: Int
            do {
                count = try Syscalls.epollWait(epoll, events, timeoutMilliseconds: waitTimeout())
            } catch {
                configuration.logger.critical("event loop stopped", metadata: ["error": "\(error)"])
                closeAll()
                return
            }
            dateCache.refresh()
            for index in 0..<count {
                let event = events[index]
                let fd = event.data.fd
                if fd == wakeFD {
                    Syscalls.drainEventFD(wakeFD)
                    readMailbox()
                    continue
                }
                guard let connection = connection(fd) else { continue }
                if event.events & Self.writable != 0 {
                    resumeAnswering(connection)
                    flush(connection)
                }
                if event.events & (Self.readable | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0,
                   self.connection(fd) === connection {
                    readable(connection)
                }
            }
            fireTimers()
            if draining {
                if liveCount == 0 { return }
                if Syscalls.monotonicNanoseconds() >= drainDeadline {
                    closeAll()
                    return
                }
            }
        }
    }

    private func waitTimeout() -> Int32 {
        var next = heap.earliest ?? .max
        if draining { next = min(next, drainDeadline) }
        if next == .max { return -1 }
        let now = Syscalls.monotonicNanoseconds()
        if next <= now { return 0 }
        return Int32(clamping: (next - now + 999_999) / 1_000_000)
    }

    private func readMailbox() {
        let (accepted, answered, drainDeadline) = mailbox.withLock { box in
            defer {
                box.accepted.removeAll(keepingCapacity: true)
                box.answered.removeAll(keepingCapacity: true)
            }
            return (box.accepted, box.answered, box.drainDeadline)
        }
        for pooled in answered {
            finishPoolRequest(pooled)
        }
        for (fd, rejected) in accepted {
            register(fd, rejected: rejected || draining || drainDeadline != nil)
        }
        if let drainDeadline, !draining {
            beginDrain(deadline: drainDeadline)
        }
    }

    func connection(_ fd: Int32) -> Connection? {
        Int(fd) < connections.count ? connections[Int(fd)] : nil
    }

    // MARK: Connection lifecycle

    private func register(_ fd: Int32, rejected: Bool) {
        do {
            try Syscalls.epollControl(epoll, EPOLL_CTL_ADD, fd, events: Self.readable)
        } catch {
            configuration.logger.error("cannot watch an accepted socket; it is closed", metadata: ["error": "\(error)"])
            Syscalls.close(fd)
            if !rejected { openConnections.release() }
            return
        }
        nextID &+= 1
        let now = Syscalls.monotonicNanoseconds()
        let connection = Connection(fd: fd, id: nextID, counted: !rejected, limits: configuration.limits,
                                    interest: Self.readable, now: now)
        while connections.count <= Int(fd) { connections.append(nil) }
        connections[Int(fd)] = connection
        liveCount += 1
        if rejected {
            let error = HTTPError(status: .serviceUnavailable, code: "service_unavailable",
                                  message: "the server is at its connection limit or shutting down")
            queueRejection(error, for: connection)
            flush(connection)
        } else {
            updateDeadline(connection, now: now)
        }
    }

    func close(_ connection: Connection) {
        guard self.connection(connection.fd) === connection else { return }
        connections[Int(connection.fd)] = nil
        connection.poolCall?.markClientLeft()
        liveCount -= 1
        Syscalls.close(connection.fd)
        if connection.counted { openConnections.release() }
    }

    private func closeAll() {
        for case let connection? in connections { close(connection) }
    }

    private func beginDrain(deadline: UInt64) {
        draining = true
        drainDeadline = deadline
        for case let connection? in connections
        where connection.parser.phase == .idle && !connection.hasPendingOutput && !connection.lingering
            && !connection.awaitingPool {
            close(connection)
        }
    }
}
