import CEpoll

/// Sending queued output, lingering before close, and the epoll interest that follows.
extension EventLoop {
    /// Sends as much queued output as the socket takes, then picks what to wait for next: the
    /// socket's room while output is queued or requests are held back (`resumeAnswering`). The
    /// kernel keeps little unsent (`Acceptor.unsentLimit`), so that room means the client read.
    func flush(_ connection: Connection) {
        var progressed = false
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
            progressed = true
        }
        let now = Syscalls.monotonicNanoseconds()
        if connection.hasPendingOutput {
            if progressed || connection.writeStalledSince == 0 { connection.writeStalledSince = now }
            setInterest(connection, Self.writable)
        } else {
            connection.clearOutput()
            if progressed { connection.finishedResponse(at: now) }
            connection.writeStalledSince = 0
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
            // Requests held back wait for the next turn, after the loop's other connections had
            // theirs. After the client's FIN only an error or reset can still arrive:
            // level-triggered readiness for the EOF would otherwise fire forever.
            setInterest(connection, connection.lingering ? Self.readable
                        : connection.heldBack != nil ? Self.writable
                        : connection.peerClosed ? 0 : connection.awaitingPool ? Self.peerClosed : Self.readable)
        }
        updateDeadline(connection, now: now)
    }

    func setInterest(_ connection: Connection, _ events: UInt32) {
        guard connection.interest != events else { return }
        do {
            try Syscalls.epollControl(epoll, EPOLL_CTL_MOD, connection.fd, events: events)
            connection.interest = events
        } catch {
            close(connection)
        }
    }
}
