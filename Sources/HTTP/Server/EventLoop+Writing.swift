import CEpoll

/// Sending queued output, lingering before close, and the epoll interest that follows.
extension EventLoop {
    /// Sends as much queued output as the socket takes, then picks what to wait for next.
    func flush(_ connection: Connection) {
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
            if connection.outputSent > 0 { connection.finishedResponse(at: now) }
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
            setInterest(connection, !connection.awaitingPool ? Self.readable : connection.peerClosed ? 0 : Self.peerClosed)
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
