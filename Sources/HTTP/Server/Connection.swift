/// One client connection's state, owned by exactly one event loop (never shared between threads).
final class Connection {
    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the descriptor number.
    let id: UInt64
    /// Whether it counts against `maxConnections` (connections turned away with 503 do not).
    let counted: Bool
    var parser: HTTPRequestParser
    var output: [UInt8] = []
    var outputSent = 0
    /// Close (after lingering) once `output` has been sent.
    var closeAfterFlush = false
    /// The client sent EOF.
    var peerClosed = false
    /// Write side shut down; reading and discarding until EOF or the linger deadline.
    var lingering = false
    /// The current request's handler call, queued or running on the pool; nothing more is
    /// parsed until its answer is queued. Cancelled if the connection closes first.
    var poolCall: PoolCall?
    var awaitingPool: Bool { poolCall != nil }
    /// A timeout already fired: any further wait is capped by the linger timeout.
    var timedOut = false
    /// The epoll events currently registered.
    var interest: UInt32
    /// The parser phase seen last and since when (monotonic ns), for the phase's timeout.
    var phase = HTTPRequestParser.Phase.idle
    var phaseSince: UInt64
    /// Since when queued output has waited with no byte of it sent (monotonic ns), or 0: the
    /// write timeout measures a client that stopped reading, not one that reads slowly.
    var writeStalledSince: UInt64 = 0
    /// Why answering stopped with requests still buffered, if it did; `resumeAnswering` goes on
    /// at a later writable turn.
    var heldBack: HoldBack?
    var lingerSince: UInt64 = 0
    /// The deadline in force (0 = none) and the earliest one queued in the heap for this connection.
    var deadline: UInt64 = 0
    var scheduled: UInt64 = .max

    init(fd: Int32, id: UInt64, counted: Bool, limits: HTTPParserLimits, interest: UInt32, now: UInt64) {
        self.fd = fd
        self.id = id
        self.counted = counted
        self.parser = HTTPRequestParser(limits: limits)
        self.interest = interest
        self.phaseSince = now
    }

    var hasPendingOutput: Bool { outputSent < output.count }

    /// Queued bytes the client has not taken yet.
    var pendingOutputBytes: Int { output.count - outputSent }

    /// Drops the sent head of `output` once it is at least as long as the unsent rest, so a
    /// queue that never quite empties does not grow by what was sent.
    func compactOutput() {
        guard outputSent > 0, outputSent >= pendingOutputBytes else { return }
        output.removeFirst(outputSent)
        outputSent = 0
    }

    /// Empties the sent output, keeping its storage unless a burst made it large.
    func clearOutput() {
        if output.capacity > 1 << 20 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputSent = 0
    }

    /// Restarts the phase clock once a response has been sent in full: a keep-alive
    /// connection's idle time counts from its last answer, not from when it was opened,
    /// even when every request arrived whole and the parser never left `.idle`.
    func finishedResponse(at now: UInt64) {
        phase = parser.phase
        phaseSince = now
    }
}

/// Why a connection's buffered requests wait.
enum HoldBack {
    /// It had its share of the loop's turn (`EventLoop.turnOutputBytes`): the next writable turn
    /// goes on, as long as the queue is under the bound.
    case turnEnded
    /// Its queued output reached `maxOutputBytes`: nothing more until the client has read it all.
    case outputFull
}
