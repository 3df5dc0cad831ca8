import CEpoll
import Synchronization

/// One thread, one epoll instance, many connections. Handlers run on this thread: a request costs
/// no hand-off between threads, which is what makes tiny handlers fast; the price is that a slow
/// handler delays the other connections on the same loop (never the accept path, which has its own
/// thread, and never the other loops). Keep handlers short or make them hand work elsewhere.
final class EventLoop: @unchecked Sendable {
    private let configuration: HTTPServer.Configuration
    private let router: Router
    private let openConnections: ConnectionCounter
    private let epoll: Int32
    private let wakeFD: Int32
    private let mailbox = Mutex(Mailbox())
    /// Set by `drain` before the loop reads its mailbox, so a response finished meanwhile already
    /// announces `Connection: close`.
    private let drainRequested = Atomic<Bool>(false)
    private var connections: [Connection?] = []
    private var liveCount = 0
    private var nextID: UInt64 = 0
    private var heap = DeadlineHeap()
    private var dateCache = DateCache()
    private var draining = false
    private var drainDeadline: UInt64 = .max
    private var readBuffer: UnsafeMutableRawBufferPointer
    private let serverName: [UInt8]
    private let timeouts: (header: UInt64, body: UInt64, idle: UInt64, write: UInt64, linger: UInt64)

    private struct Mailbox {
        var accepted: [(fd: Int32, rejected: Bool)] = []
        var drainDeadline: UInt64?
    }

    /// The method reported to the observer for requests rejected before their method was known.
    private static let unknownMethod = HTTPMethod(rawValue: "UNKNOWN")
    private static let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
    private static let writable = EPOLLOUT.rawValue

    init(configuration: HTTPServer.Configuration, router: Router, openConnections: ConnectionCounter) throws {
        self.configuration = configuration
        self.router = router
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
                configuration.log?("event loop stopped: \(error)")
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
        let (accepted, drainDeadline) = mailbox.withLock { box in
            defer { box.accepted.removeAll(keepingCapacity: true) }
            return (box.accepted, box.drainDeadline)
        }
        for (fd, rejected) in accepted {
            register(fd, rejected: rejected || draining || drainDeadline != nil)
        }
        if let drainDeadline, !draining {
            beginDrain(deadline: drainDeadline)
        }
    }

    private func connection(_ fd: Int32) -> Connection? {
        Int(fd) < connections.count ? connections[Int(fd)] : nil
    }

    // MARK: Connection lifecycle

    private func register(_ fd: Int32, rejected: Bool) {
        do {
            try Syscalls.epollControl(epoll, EPOLL_CTL_ADD, fd, events: Self.readable)
        } catch {
            configuration.log?("cannot watch accepted socket: \(error)")
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
            queue(HTTPResponse(error: error), for: connection, headOnly: false, close: true, keepAliveHTTP1_0: false)
            flush(connection)
        } else {
            updateDeadline(connection, now: now)
        }
    }

    private func close(_ connection: Connection) {
        guard self.connection(connection.fd) === connection else { return }
        connections[Int(connection.fd)] = nil
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
        where connection.phase == .idle && connection.parser.phase == .idle && !connection.hasPendingOutput && !connection.lingering {
            close(connection)
        }
    }

    // MARK: Reading and answering

    private func readable(_ connection: Connection) {
        let result: Syscalls.IOResult
        do {
            result = try Syscalls.read(connection.fd, into: readBuffer)
        } catch {
            close(connection)
            return
        }
        guard case .processed(let count) = result else { return }
        if connection.lingering {
            if count == 0 { close(connection) }
            return
        }
        if count == 0 {
            connection.peerClosed = true
        } else {
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        }
        answer(connection)
        if connection.peerClosed { connection.closeAfterFlush = true }
        if self.connection(connection.fd) === connection {
            flush(connection)
        }
    }

    /// Parses and answers every complete request buffered on `connection`, in order.
    private func answer(_ connection: Connection) {
        while !connection.closeAfterFlush {
            let event: HTTPRequestParser.Event?
            do {
                event = try connection.parser.next()
            } catch {
                queue(HTTPResponse(error: error), for: connection, headOnly: false, close: true, keepAliveHTTP1_0: false)
                configuration.observer?(HTTPRequestRecord(route: "invalid", method: Self.unknownMethod, status: error.status.code, duration: 0))
                return
            }
            switch event {
            case nil:
                return
            case .continueExpected?:
                connection.output.append(contentsOf: ResponseWriter.continueResponse)
            case .request(let request)?:
                let observer = configuration.observer
                let started = observer == nil ? 0 : Syscalls.monotonicNanoseconds()
                let outcome = router.respond(to: request)
                if let error = outcome.unexpectedError {
                    configuration.log?("handler for \(request.method) \(outcome.route ?? request.path) failed: \(error)")
                }
                let keepAlive = request.keepAlive && !connection.peerClosed && !draining
                    && !drainRequested.load(ordering: .relaxed)
                queue(outcome.response, for: connection, headOnly: request.method == .head, close: !keepAlive,
                      keepAliveHTTP1_0: keepAlive && request.version == .http1_0)
                if let observer {
                    let finished = Syscalls.monotonicNanoseconds()
                    observer(HTTPRequestRecord(route: outcome.route ?? "unmatched", method: request.method,
                                               status: outcome.response.status.code,
                                               duration: Double(finished - started) / 1e9))
                }
                if !keepAlive { return }
            }
        }
    }

    private func queue(_ response: HTTPResponse, for connection: Connection, headOnly: Bool, close: Bool, keepAliveHTTP1_0: Bool) {
        let dropped = ResponseWriter.append(response, to: &connection.output, date: dateCache.bytes, serverName: serverName,
                                            headOnly: headOnly, close: close, keepAliveHTTP1_0: keepAliveHTTP1_0)
        if !dropped.isEmpty {
            configuration.log?("dropped malformed response headers: \(dropped.joined(separator: ", "))")
        }
        if close { connection.closeAfterFlush = true }
    }

    // MARK: Writing and closing

    /// Sends as much queued output as the socket takes, then picks what to wait for next.
    private func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let result: Syscalls.IOResult
            do {
                result = try connection.output.withUnsafeBytes { bytes in
                    try Syscalls.send(connection.fd, UnsafeRawBufferPointer(rebasing: bytes[connection.outputSent...]))
                }
            } catch {
                close(connection)
                return
            }
            guard case .processed(let sent) = result else { break }
            connection.outputSent += sent
        }
        let now = Syscalls.monotonicNanoseconds()
        if connection.hasPendingOutput {
            if connection.writeBlockedSince == 0 { connection.writeBlockedSince = now }
            setInterest(connection, Self.writable)
        } else {
            connection.writeBlockedSince = 0
            if connection.output.capacity > 1 << 20 {
                connection.output = []
            } else {
                connection.output.removeAll(keepingCapacity: true)
            }
            connection.outputSent = 0
            if connection.closeAfterFlush {
                if connection.peerClosed {
                    close(connection)
                    return
                }
                if !connection.lingering {
                    Syscalls.shutdownWrite(connection.fd)
                    connection.lingering = true
                    connection.lingerSince = now
                }
            }
            setInterest(connection, Self.readable)
        }
        updateDeadline(connection, now: now)
    }

    private func setInterest(_ connection: Connection, _ events: UInt32) {
        guard connection.interest != events else { return }
        do {
            try Syscalls.epollControl(epoll, EPOLL_CTL_MOD, connection.fd, events: events)
            connection.interest = events
        } catch {
            close(connection)
        }
    }

    // MARK: Timeouts

    /// Recomputes which timeout applies and queues it if it moved earlier than any queued entry.
    private func updateDeadline(_ connection: Connection, now: UInt64) {
        guard self.connection(connection.fd) === connection else { return }
        let phase = connection.parser.phase
        if phase != connection.phase {
            connection.phase = phase
            connection.phaseSince = now
        }
        let deadline: UInt64
        if connection.lingering {
            deadline = connection.lingerSince &+ timeouts.linger
        } else if connection.hasPendingOutput {
            deadline = connection.writeBlockedSince &+ (connection.timedOut ? timeouts.linger : timeouts.write)
        } else {
            switch phase {
            case .idle: deadline = connection.phaseSince &+ timeouts.idle
            case .head: deadline = connection.phaseSince &+ timeouts.header
            case .body: deadline = connection.phaseSince &+ timeouts.body
            }
        }
        connection.deadline = deadline
        if deadline < connection.scheduled {
            connection.scheduled = deadline
            heap.push(.init(deadline: deadline, fd: connection.fd, connectionID: connection.id))
        }
    }

    private func fireTimers() {
        let now = Syscalls.monotonicNanoseconds()
        while let entry = heap.popDue(now: now) {
            guard let connection = connection(entry.fd), connection.id == entry.connectionID else { continue }
            if entry.deadline == connection.scheduled { connection.scheduled = .max }
            if connection.deadline > now {
                if connection.deadline < connection.scheduled {
                    connection.scheduled = connection.deadline
                    heap.push(.init(deadline: connection.deadline, fd: connection.fd, connectionID: connection.id))
                }
                continue
            }
            timeOut(connection, now: now)
        }
    }

    /// A request too slow to arrive gets 408; idle, lingering or unreadable connections just close.
    private func timeOut(_ connection: Connection, now: UInt64) {
        if connection.lingering || connection.hasPendingOutput || connection.parser.phase == .idle || connection.timedOut {
            close(connection)
            return
        }
        connection.timedOut = true
        let error = HTTPError(status: .requestTimeout, code: "request_timeout", message: "the request took too long to arrive")
        queue(HTTPResponse(error: error), for: connection, headOnly: false, close: true, keepAliveHTTP1_0: false)
        configuration.observer?(HTTPRequestRecord(route: "invalid", method: Self.unknownMethod, status: error.status.code, duration: 0))
        flush(connection)
    }
}
