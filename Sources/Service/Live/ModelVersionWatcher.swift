import Foundation
import Logging
import Synchronization

/// Polls the coordinator for a model another server recorded and swaps it in
/// (`ModelManager.adoptNewestRecordedModel`), on its own thread. Only servers that share
/// their store run one; a poll is one primary-key read.
public final class ModelVersionWatcher: Sendable {
    private let manager: ModelManager
    private let thread: PollingThread
    private let logger: Logger
    /// Whether the last poll failed: logged when failures start and when they end.
    private let failing = Atomic<Bool>(false)

    public init(manager: ModelManager, interval: Duration, logger: Logger = .silent("movierec.models")) {
        self.manager = manager
        self.thread = PollingThread(name: "model-watch", interval: interval)
        self.logger = logger
    }

    public func start() {
        thread.start { [self] in
            do {
                try manager.adoptNewestRecordedModel()
                if failing.exchange(false, ordering: .relaxed) { logger.notice("model versions are readable again") }
            } catch {
                if !failing.exchange(true, ordering: .relaxed) {
                    logger.warning("cannot adopt the newest recorded model; the serving one stays", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Asks the thread to exit and waits for it.
    public func stop() {
        thread.stop()
    }
}
