import Foundation

/// Polls the coordinator for a model another server recorded and swaps it in
/// (`ModelManager.adoptNewestRecordedModel`), on its own thread. Only servers that share
/// their store run one; a poll is one primary-key read.
public final class ModelVersionWatcher: @unchecked Sendable {
    private let manager: ModelManager
    private let interval: Duration
    private let log: @Sendable (String) -> Void
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopping = false
    private var started = false

    public init(manager: ModelManager, interval: Duration, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.manager = manager
        self.interval = interval
        self.log = log
    }

    public func start() {
        lock.withLock { started = true }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "movierec-model-watch"
        thread.start()
    }

    /// Asks the thread to exit and waits for it.
    public func stop() {
        let wasStarted = lock.withLock { () -> Bool in
            stopping = true
            return started
        }
        wake.signal()
        if wasStarted { finished.wait() }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func run() {
        let nanoseconds = Int(interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000)
        while !isStopping {
            _ = wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
            if isStopping { return }
            do {
                try manager.adoptNewestRecordedModel()
            } catch {
                log("cannot adopt the newest recorded model, keeping the serving one: \(error)")
            }
        }
    }
}
