import Logging
#if canImport(Glibc)
import Glibc
#endif

extension HTTPServer {
    /// Everything tunable about the server, each field defaulted so callers set only what they mean.
    public struct Configuration: Sendable {
        /// Address to bind: an IPv4 or IPv6 literal, or `localhost`.
        public var host: String
        /// Port to bind; 0 asks the kernel for a free one (`start()` returns it).
        public var port: Int
        /// Event-loop threads; defaults to the number of online cores.
        public var eventLoopCount: Int
        /// Threads that run pool-placed handlers (`HandlerPlacement`). Blocking handlers wait on
        /// disks and locks more than on cores, so more threads than cores pays; 0 runs them on the
        /// loops like any other.
        public var handlerThreads: Int
        public var backlog: Int
        /// Open connections allowed at once; past it a new connection gets 503 and is closed.
        public var maxConnections: Int
        public var limits: HTTPParserLimits
        /// From a request's first byte to the end of its head (cuts off slowloris clients).
        public var headerTimeout: Duration
        /// From the end of the head to the end of the body.
        public var bodyTimeout: Duration
        /// How long a keep-alive connection may sit with no request.
        public var idleTimeout: Duration
        /// How long queued output may wait with no byte of it taken by the client. Any progress
        /// restarts the clock, so a slow reader that keeps reading is never cut off mid-answer.
        public var writeTimeout: Duration
        /// After the last response on a closing connection, how long to drain unread input so the
        /// kernel does not reset the connection before the client has read the answer.
        public var lingerTimeout: Duration
        /// Most answer bytes queued for one connection before the server stops answering its
        /// pipelined requests and reading its socket, until the client has read them all: a client
        /// that reads slowly holds at most this much, not an answer per request it sent.
        public var maxOutputBytes: Int
        /// Value of the `Server` header.
        public var serverName: String
        /// Notable events, each at its level: start and stop (info), handler errors and
        /// malformed response headers (error), accept failures (error; warning while out of
        /// descriptors). Silent by default.
        public var logger: Logger
        /// Called once per answered request, on the event-loop thread: keep it cheap.
        public var observer: (@Sendable (HTTPRequestRecord) -> Void)?

        public init(host: String = "127.0.0.1", port: Int = 8080, eventLoopCount: Int = Configuration.onlineCores(),
                    handlerThreads: Int = 8, backlog: Int = 1024, maxConnections: Int = 10_000, limits: HTTPParserLimits = HTTPParserLimits(),
                    headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30),
                    idleTimeout: Duration = .seconds(60), writeTimeout: Duration = .seconds(30),
                    lingerTimeout: Duration = .seconds(2), maxOutputBytes: Int = 1024 * 1024, serverName: String = "movierec",
                    logger: Logger = Logger(label: "movierec.http", factory: { _ in SwiftLogNoOpLogHandler() }), observer: (@Sendable (HTTPRequestRecord) -> Void)? = nil) {
            self.host = host
            self.port = port
            self.eventLoopCount = eventLoopCount
            self.handlerThreads = handlerThreads
            self.backlog = backlog
            self.maxConnections = maxConnections
            self.limits = limits
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
            self.lingerTimeout = lingerTimeout
            self.maxOutputBytes = maxOutputBytes
            self.serverName = serverName
            self.logger = logger
            self.observer = observer
        }

        /// Cores online now, at least 1.
        public static func onlineCores() -> Int {
            max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        }
    }
}

extension Duration {
    /// Seconds with their fraction, for reporting and setting the timeouts in plain numbers.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Whole nanoseconds, saturating, for deadline arithmetic on the monotonic clock.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (total, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? UInt64.max / 2 : total + UInt64(attoseconds / 1_000_000_000)
    }
}
