import Logging
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
            // A FIN ends the client's requests, not its wait for their answers: those already
            // received are still answered (a pool call in flight included), then the connection closes.
            connection.peerClosed = true
        } else {
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        }
        answer(connection)
        if self.connection(connection.fd) === connection {
            flush(connection)
        }
    }

    /// Parses and answers every complete request buffered on `connection`, in order, stopping at
    /// one handed to the pool until its answer is back (`finishPoolRequest`), and once the queued
    /// output reaches the bound or this turn's share (`resumeAnswering` goes on): answers are
    /// computed only as fast as the client takes them, and one client's pipeline holds up the
    /// loop's other connections for one share at a time.
    func answer(_ connection: Connection) {
        let turnStart = connection.output.count
        while !connection.closeAfterFlush && !connection.awaitingPool {
            if connection.pendingOutputBytes >= configuration.maxOutputBytes {
                connection.heldBack = .outputFull
                return
            }
            if connection.output.count - turnStart >= Self.turnOutputBytes {
                connection.heldBack = .turnEnded
                return
            }
            let event: HTTPRequestParser.Event?
            do {
                event = try connection.parser.next()
            } catch {
                queueRejection(error, for: connection)
                return
            }
            switch event {
            case nil:
                if connection.peerClosed { connection.closeAfterFlush = true }
                return
            case .continueExpected?:
                connection.output.append(contentsOf: ResponseWriter.continueResponse)
            case .request(let request)?:
                let exchange = Exchange(request, started: configuration.observer == nil ? 0 : Syscalls.monotonicNanoseconds())
                switch router.dispatch(request) {
                case .answered(let outcome):
                    if !finish(exchange, with: outcome, on: connection) { return }
                case .handler(let call):
                    if let pool, call.runsOnPool {
                        let ticket = PoolCall()
                        connection.poolCall = ticket
                        let (fd, id) = (connection.fd, connection.id)
                        pool.submit { [self] backlogged in
                            let outcome = ticket.shouldSkip(backlogged: backlogged) ? nil : call.run()
                            deliver(PoolAnswer(fd: fd, connectionID: id, exchange: exchange, outcome: outcome))
                        }
                        return
                    }
                    if !finish(exchange, with: call.run(), on: connection) { return }
                }
            }
        }
    }

    /// On a writable turn, when the socket took output or has room: answers requests held back
    /// for the turn, or at the bound once the client has read all that was queued.
    func resumeAnswering(_ connection: Connection) {
        guard let reason = connection.heldBack, reason == .turnEnded || !connection.hasPendingOutput else { return }
        connection.heldBack = nil
        connection.compactOutput()
        answer(connection)
    }

    /// Queues a pool handler's answer on its connection, if the client is still there, then goes on
    /// with any requests it pipelined meanwhile; a skipped call's connection is closed.
    func finishPoolRequest(_ pooled: PoolAnswer) {
        guard let connection = connection(pooled.fd), connection.id == pooled.connectionID,
              connection.awaitingPool else { return }
        connection.poolCall = nil
        guard let outcome = pooled.outcome else {
            close(connection)
            return
        }
        if finish(pooled.exchange, with: outcome, on: connection) {
            answer(connection)
        }
        if self.connection(connection.fd) === connection {
            flush(connection)
        }
    }

    /// Queues `outcome` as the answer to `exchange` and reports it; returns whether the connection
    /// stays open for another request. After the client's FIN, the answer to the last request it
    /// sent announces the close; earlier ones do not, so the requests behind them are answered too.
    private func finish(_ exchange: Exchange, with outcome: Router.Outcome, on connection: Connection) -> Bool {
        if let error = outcome.unexpectedError {
            configuration.logger.error("handler failed; answered 500", metadata: [
                "request_id": "\(exchange.requestID)", "method": "\(exchange.method.rawValue)",
                "route": "\(outcome.route ?? exchange.path)", "error": "\(error)"])
        }
        let lastBeforeFIN = connection.peerClosed && connection.parser.phase == .idle
        let keepAlive = exchange.keepAlive && !lastBeforeFIN && !draining
            && !drainRequested.load(ordering: .relaxed)
        var response = outcome.response
        response.headers.replaceOrAdd(name: RequestID.header, value: exchange.requestID)
        queue(response, for: connection, headOnly: exchange.method == .head, close: !keepAlive,
              keepAliveHTTP1_0: keepAlive && exchange.version == .http1_0)
        if let observer = configuration.observer {
            let finished = Syscalls.monotonicNanoseconds()
            observer(HTTPRequestRecord(route: outcome.route ?? "unmatched",
                                       method: outcome.unrecognizedMethod ? Self.unknownMethod : exchange.method,
                                       status: response.status.code,
                                       duration: Double(finished - exchange.started) / 1e9,
                                       requestID: exchange.requestID, target: exchange.target,
                                       bytes: exchange.method == .head ? 0 : response.body.count))
        }
        return keepAlive
    }

    /// Answers a request the server could not take (malformed, over a limit, timed out) and
    /// closes the connection after it, under a fresh request id.
    func queueRejection(_ error: HTTPError, for connection: Connection) {
        var response = HTTPResponse(error: error)
        let requestID = RequestID.make()
        response.headers.replaceOrAdd(name: RequestID.header, value: requestID)
        queue(response, for: connection, headOnly: false, close: true, keepAliveHTTP1_0: false)
        configuration.observer?(HTTPRequestRecord(route: "invalid", method: Self.unknownMethod, status: error.status.code,
                                                  duration: 0, requestID: requestID, bytes: response.body.count))
    }

    func queue(_ response: HTTPResponse, for connection: Connection, headOnly: Bool, close: Bool, keepAliveHTTP1_0: Bool) {
        let dropped = ResponseWriter.append(response, to: &connection.output, date: dateCache.bytes, serverName: serverName,
                                            headOnly: headOnly, close: close, keepAliveHTTP1_0: keepAliveHTTP1_0)
        if !dropped.isEmpty {
            configuration.logger.error("dropped malformed response headers", metadata: ["headers": "\(dropped.joined(separator: ", "))"])
        }
        if close { connection.closeAfterFlush = true }
    }
}
