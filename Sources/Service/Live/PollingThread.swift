import Foundation
import Threads

/// A named background thread that runs `poll` every `interval` until stopped: the shape of
/// both the retraining schedule and the model-version watcher. `stop()` wakes the thread
/// at once and returns after the poll in progress, if any, has finished.
final class PollingThread: @unchecked Sendable {
    private let name: String
    private let interval: Duration
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopping = false
    private var started = false

    init(name: String, interval: Duration) {
        self.name = name
        self.interval = interval
    }

    /// Starts the thread: `prepare` once on it, then `poll` after every interval.
    func start(prepare: @escaping @Sendable () -> Void = {}, poll: @escaping @Sendable () -> Void) {
        lock.withLock { started = true }
        startThread(named: name) { [self] in
            prepare()
            while waitForNextPoll() { poll() }
            finished.signal()
        }
    }

    func stop() {
        let wasStarted = lock.withLock { () -> Bool in
            stopping = true
            return started
        }
        wake.signal()
        if wasStarted { finished.wait() }
    }

    /// Sleeps one interval (cut short by `stop`); whether to poll again.
    private func waitForNextPoll() -> Bool {
        let (seconds, attoseconds) = interval.components
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)))
        return lock.withLock { !stopping }
    }
}
