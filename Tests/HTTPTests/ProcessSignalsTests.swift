import Foundation
import Testing
@testable import HTTP

@Suite struct ProcessSignalsTests {
    /// SIGUSR1 is sent to this process; the closure runs on the relay's thread (not the
    /// sender's, not in the handler) and sees the signal number (SIGUSR1's default action would end the process).
    @Test func aClosureRunsForEachRelayedSignal() throws {
        let called = DispatchSemaphore(value: 0)
        let received = ReceivedSignals()
        let testThread = ObjectIdentifier(Thread.current)
        try ProcessSignals.on([SIGUSR1]) { signal in
            received.append(signal, onRelayThread: ObjectIdentifier(Thread.current) != testThread)
            called.signal()
        }
        for _ in 0..<2 {
            kill(getpid(), SIGUSR1)
            #expect(called.wait(timeout: .now() + 5) == .success)
        }
        #expect(received.signals == [SIGUSR1, SIGUSR1])
        #expect(received.allOnRelayThread)
    }
}

private final class ReceivedSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []
    private var relayThread = true

    func append(_ signal: Int32, onRelayThread: Bool) {
        lock.withLock {
            values.append(signal)
            relayThread = relayThread && onRelayThread
        }
    }

    var signals: [Int32] { lock.withLock { values } }
    var allOnRelayThread: Bool { lock.withLock { relayThread } }
}
