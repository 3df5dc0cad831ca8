import Synchronization

/// Reading requests and answering them in order.
extension EventLoop {
    func readable(_ connection: Connection) {
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
    func answer(_ connection: Connection) {
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

    func queue(_ response: HTTPResponse, for connection: Connection, headOnly: Bool, close: Bool, keepAliveHTTP1_0: Bool) {
        let dropped = ResponseWriter.append(response, to: &connection.output, date: dateCache.bytes, serverName: serverName,
                                            headOnly: headOnly, close: close, keepAliveHTTP1_0: keepAliveHTTP1_0)
        if !dropped.isEmpty {
            configuration.log?("dropped malformed response headers: \(dropped.joined(separator: ", "))")
        }
        if close { connection.closeAfterFlush = true }
    }
}
