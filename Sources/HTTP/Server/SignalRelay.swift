import Foundation
import Threads

/// Turns process signals into calls on an ordinary thread (the self-pipe trick): a handler that
/// only writes the signal number to a pipe, and one watcher thread that reads it and runs the
/// callbacks. One per process, because signal dispositions are process-wide.
final class SignalRelay: @unchecked Sendable {
    static let shared = SignalRelay()

    private let lock = NSLock()
    private var callbacks: [Int32: [@Sendable (Int32) -> Void]] = [:]
    private var readFD: Int32 = -1

    /// Runs `callback` on the watcher thread each time one of `signals` arrives.
    func watch(_ signals: [Int32], callback: @escaping @Sendable (Int32) -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        if readFD < 0 {
            let pipe = try Syscalls.signalPipe()
            readFD = pipe.read
            signalRelayWriteFD = pipe.write
            startThread(named: "http-signals") { [self, readFD] in watchLoop(readFD) }
        }
        for signal in signals {
            if callbacks[signal] == nil { try Syscalls.relaySignal(signal) }
            callbacks[signal, default: []].append(callback)
        }
    }

    private func watchLoop(_ fd: Int32) {
        while let signal = Syscalls.nextRelayedSignal(fd) {
            let toRun = lock.withLock { callbacks[signal] ?? [] }
            for callback in toRun { callback(signal) }
        }
    }
}
