/// One deadline per connection, chosen by what it waits for, kept in the loop's heap.
extension EventLoop {
    /// Recomputes which timeout applies and queues it if it moved earlier than any queued entry.
    func updateDeadline(_ connection: Connection, now: UInt64) {
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
            deadline = connection.writeStalledSince &+ (connection.timedOut ? timeouts.linger : timeouts.write)
        } else if connection.awaitingPool {
            deadline = .max
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

    func fireTimers() {
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
    func timeOut(_ connection: Connection, now: UInt64) {
        if connection.lingering || connection.hasPendingOutput || connection.parser.phase == .idle || connection.timedOut {
            close(connection)
            return
        }
        connection.timedOut = true
        let error = HTTPError(status: .requestTimeout, code: "request_timeout", message: "the request took too long to arrive")
        queueRejection(error, for: connection)
        flush(connection)
    }
}
