import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The accept path on its own thread, so a slow handler on an event loop never stops new
/// connections from being taken. Admitted sockets go round-robin to the loops.
final class Acceptor: @unchecked Sendable {
    private let listenFD: Int32
    private let stopFD: Int32
    private let loops: [EventLoop]
    private let counter: ConnectionCounter
    private let logger: Logger
    private var next = 0

    init(listenFD: Int32, loops: [EventLoop], counter: ConnectionCounter, logger: Logger) throws {
        self.listenFD = listenFD
        self.stopFD = try Syscalls.eventFD()
        self.loops = loops
        self.counter = counter
        self.logger = logger
    }

    deinit {
        Syscalls.close(stopFD)
    }

    /// Makes `run` return and close the listening socket.
    func stop() {
        Syscalls.signalEventFD(stopFD)
    }

    func run() {
        defer { Syscalls.close(listenFD) }
        var backoff: Int32 = -1
        while true {
            let ready: [Bool]
            do {
                ready = try Syscalls.pollReadable([listenFD, stopFD], timeoutMilliseconds: backoff)
            } catch {
                logger.critical("accept loop stopped; no new connections", metadata: ["error": "\(error)"])
                return
            }
            if ready[1] { return }
            backoff = -1
            do {
                while let fd = try Syscalls.accept(listenFD) {
                    hand(fd)
                }
            } catch let error as SystemCallError where error.errno == EMFILE || error.errno == ENFILE
                        || error.errno == ENOBUFS || error.errno == ENOMEM {
                // Out of descriptors or memory: pause accepting briefly instead of spinning on a
                // listening socket that stays readable.
                logger.warning("out of descriptors or memory; accepting paused for 50 ms", metadata: ["error": "\(error)"])
                backoff = 50
            } catch {
                logger.error("accept failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Most bytes the kernel keeps unsent for one connection (`TCP_NOTSENT_LOWAT`). Without it the
    /// send buffer grows to megabytes for a client that does not read, and the loop would compute
    /// that many answers beyond `maxOutputBytes` before the socket pushed back; bytes in flight
    /// are not limited by it, so a client that reads keeps its throughput.
    static let unsentLimit: Int32 = 128 * 1024

    private func hand(_ fd: Int32) {
        try? Syscalls.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
        try? Syscalls.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NOTSENT_LOWAT, value: Self.unsentLimit)
        let admitted = counter.admit()
        loops[next].adopt(fd, rejected: !admitted)
        next = (next + 1) % loops.count
    }
}
