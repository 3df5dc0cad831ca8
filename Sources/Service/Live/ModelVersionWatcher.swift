import Foundation

/// Polls the coordinator for a model another server recorded and swaps it in
/// (`ModelManager.adoptNewestRecordedModel`), on its own thread. Only servers that share
/// their store run one; a poll is one primary-key read.
public final class ModelVersionWatcher: Sendable {
    private let manager: ModelManager
    private let thread: PollingThread
    private let log: @Sendable (String) -> Void

    public init(manager: ModelManager, interval: Duration, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.manager = manager
        self.thread = PollingThread(name: "model-watch", interval: interval)
        self.log = log
    }

    public func start() {
        thread.start { [self] in
            do {
                try manager.adoptNewestRecordedModel()
            } catch {
                log("cannot adopt the newest recorded model, keeping the serving one: \(error)")
            }
        }
    }

    /// Asks the thread to exit and waits for it.
    public func stop() {
        thread.stop()
    }
}
