import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Every system call the HTTP module makes lives here, behind wrappers that retry `EINTR` and turn
/// failures into `SystemCallError`, so the rest of the module never reads `errno` itself.
enum Syscalls {
    /// What a non-blocking read or write did: moved some bytes, or would have blocked.
    enum IOResult: Equatable {
        case processed(Int)
        case wouldBlock
    }

    /// Runs `body` until it returns something other than -1 with `EINTR`.
    @inline(__always)
    private static func retrying<T: BinaryInteger>(_ call: String, _ body: () -> T) throws -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, errno: code)
        }
    }

    /// Like `retrying`, but maps `EAGAIN`/`EWOULDBLOCK` to `.wouldBlock`.
    @inline(__always)
    private static func nonBlocking(_ call: String, _ body: () -> Int) throws -> IOResult {
        while true {
            let result = body()
            if result >= 0 { return .processed(result) }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemCallError(call: call, errno: code)
        }
    }

    // MARK: Sockets

    static func socket(domain: Int32, type: Int32) throws -> Int32 {
        try retrying("socket") { Glibc.socket(domain, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
    }

    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) throws {
        var value = value
        _ = try retrying("setsockopt") {
            Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    static func bind(_ fd: Int32, address: UnsafePointer<sockaddr>, length: socklen_t) throws {
        _ = try retrying("bind") { Glibc.bind(fd, address, length) }
    }

    static func listen(_ fd: Int32, backlog: Int32) throws {
        _ = try retrying("listen") { Glibc.listen(fd, backlog) }
    }

    /// Accepts one connection as a non-blocking, close-on-exec socket; `nil` when none is waiting.
    static func accept(_ fd: Int32) throws -> Int32? {
        while true {
            let result = CEpoll.accept4(fd, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            if result >= 0 { return result }
            let code = Glibc.errno
            if code == EINTR || code == ECONNABORTED { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return nil }
            throw SystemCallError(call: "accept4", errno: code)
        }
    }

    /// The port a socket is bound to (network byte order converted).
    static func boundPort(_ fd: Int32) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                try retrying("getsockname") { Glibc.getsockname(fd, address, &length) }
            }
        }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            throw SystemCallError(call: "getsockname", errno: EAFNOSUPPORT)
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> IOResult {
        try nonBlocking("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Sends without raising `SIGPIPE` when the peer has gone.
    static func send(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws -> IOResult {
        try nonBlocking("send") { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes a descriptor. `EINTR` is not retried: on Linux the descriptor is already released.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    // MARK: epoll and eventfd

    static func epollCreate() throws -> Int32 {
        try retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    static func epollControl(_ epoll: Int32, _ operation: Int32, _ fd: Int32, events: UInt32) throws {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        _ = try retrying("epoll_ctl") { epoll_ctl(epoll, operation, fd, &event) }
    }

    /// Waits for events; `timeoutMilliseconds` -1 waits forever. Returns 0 when interrupted.
    static func epollWait(_ epoll: Int32, _ events: UnsafeMutableBufferPointer<epoll_event>, timeoutMilliseconds: Int32) throws -> Int {
        let result = epoll_wait(epoll, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        if result >= 0 { return Int(result) }
        let code = Glibc.errno
        if code == EINTR { return 0 }
        throw SystemCallError(call: "epoll_wait", errno: code)
    }

    static func eventFD() throws -> Int32 {
        try retrying("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
    }

    /// Adds one to an eventfd counter, waking whoever polls it.
    static func signalEventFD(_ fd: Int32) {
        var one: UInt64 = 1
        _ = try? nonBlocking("write") { Glibc.write(fd, &one, 8) }
    }

    /// Resets an eventfd counter after a wake-up.
    static func drainEventFD(_ fd: Int32) {
        var value: UInt64 = 0
        _ = try? nonBlocking("read") { Glibc.read(fd, &value, 8) }
    }

    /// Blocks until one of `fds` is readable or `timeoutMilliseconds` passes.
    static func pollReadable(_ fds: [Int32], timeoutMilliseconds: Int32) throws -> [Bool] {
        var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let count = entries.count
        let result = entries.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
        if result < 0 {
            let code = Glibc.errno
            if code == EINTR { return fds.map { _ in false } }
            throw SystemCallError(call: "poll", errno: code)
        }
        return entries.map { $0.revents != 0 }
    }

    // MARK: Signals

    /// A pipe whose read end blocks (for the watcher thread) and whose write end never does (for
    /// the signal handler).
    static func signalPipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        _ = try retrying("pipe") { pipe(&fds) }
        for fd in fds {
            _ = try retrying("fcntl") { fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        let flags = try retrying("fcntl") { fcntl(fds[1], F_GETFL) }
        _ = try retrying("fcntl") { fcntl(fds[1], F_SETFL, flags | O_NONBLOCK) }
        return (fds[0], fds[1])
    }

    /// Routes `signal` to `signalRelayHandler`, which writes the signal number into the pipe set
    /// in `signalRelayWriteFD`.
    static func relaySignal(_ signal: Int32) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = signalRelayHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_RESTART)
        _ = try retrying("sigaction") { sigaction(signal, &action, nil) }
    }

    /// Blocks until a relayed signal number arrives; `nil` if the pipe failed.
    static func nextRelayedSignal(_ fd: Int32) -> Int32? {
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(fd, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count < 0 && Glibc.errno == EINTR { continue }
            return nil
        }
    }

    // MARK: Process limits and time

    /// Raises the soft limit on open descriptors to the hard limit; returns (before, after).
    static func raiseFileDescriptorLimit() throws -> (before: UInt64, after: UInt64) {
        var limit = rlimit()
        _ = try retrying("getrlimit") { getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) }
        let before = UInt64(limit.rlim_cur)
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = try retrying("setrlimit") { setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) }
        }
        return (before, UInt64(limit.rlim_cur))
    }

    /// Monotonic nanoseconds, for deadlines and durations (never goes back with wall-clock changes).
    @inline(__always)
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Wall-clock seconds since 1970, for the `Date` header.
    static func wallClockSeconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec.tv_sec
    }

    /// Broken-down UTC time for the `Date` header.
    static func utc(_ seconds: Int) -> tm {
        var time = time_t(seconds)
        var result = tm()
        gmtime_r(&time, &result)
        return result
    }
}

/// Write end of the signal pipe, set before any handler is installed (so reading it in the
/// handler is a plain load).
nonisolated(unsafe) var signalRelayWriteFD: Int32 = -1

/// The signal handler: only `write`, which is async-signal-safe; `errno` is preserved.
private func signalRelayHandler(_ signal: Int32) {
    let saved = Glibc.errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = Glibc.write(signalRelayWriteFD, &byte, 1)
    Glibc.errno = saved
}
