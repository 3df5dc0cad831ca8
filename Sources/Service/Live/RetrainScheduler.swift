import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Decides when to retrain and runs `ModelManager.retrain()` on its own thread.
///
/// With servers sharing a store, each runs a scheduler but the coordinator's lease lets
/// one retrain at a time; the others find it busy and try again at the next poll.
///
/// Triggers: `every` (time since the serving model was installed or the last attempt)
/// and `afterRatings` (writes since the serving model's snapshot, from the store's write
/// log); either or both. A time trigger with no new rating does nothing; after a
/// rejected or failed attempt the count trigger waits for `afterRatings` more.
///
/// Priority: the thread lowers its own Linux nice value to 10 with
/// `setpriority(PRIO_PROCESS, 0, 10)` (Linux keeps nice per thread and `0` names the
/// calling one), so training yields the cores to the event
/// loops whenever they have work; Foundation's `qualityOfService` is a no-op on Linux.
public final class RetrainScheduler: @unchecked Sendable {
    public let every: Duration?
    public let afterRatings: Int?
    private let manager: ModelManager
    private let logger: Logger
    private let thread: PollingThread
    private let clock = ContinuousClock()
    /// Touched by the polling thread alone: when it last tried, and the pending count it tried
    /// at (after a rejected or failed attempt the count trigger waits for `afterRatings` more
    /// rather than retraining on every poll).
    private var lastAttempt: ContinuousClock.Instant
    private var countedBefore = 0
    /// Whether the last poll could not read the store: a fault is logged when it starts and
    /// when it ends, not once a second while it lasts.
    private var storeFailing = false

    public static let niceness: Int32 = 10

    public init(manager: ModelManager, every: Duration?, afterRatings: Int?, pollInterval: Duration = .seconds(1),
                logger: Logger = .silent("movierec.retrain")) {
        self.manager = manager
        self.every = every
        self.afterRatings = afterRatings
        self.logger = logger
        self.thread = PollingThread(name: "retrain", interval: every.map { min($0, pollInterval) } ?? pollInterval)
        self.lastAttempt = clock.now
    }

    public func start() {
        thread.start(prepare: { [self] in lowerPriority() }, poll: { [self] in poll() })
    }

    /// Asks the thread to exit and waits for it (after a retraining in progress ends).
    public func stop() {
        thread.stop()
    }

    private func poll() {
        let pending: Int
        do {
            pending = try manager.ratingsSinceServing() ?? 0
        } catch {
            if !storeFailing {
                logger.error("cannot read the store; retraining waits until it can", metadata: ["error": "\(error)"])
                storeFailing = true
            }
            return
        }
        if storeFailing {
            logger.notice("the store is readable again; retraining resumes")
            storeFailing = false
        }
        guard pending > 0 else { return }
        let countDue = afterRatings.map { pending - countedBefore >= $0 } ?? false
        let timeDue = every.map { clock.now - lastAttempt >= $0 } ?? false
        guard countDue || timeDue else { return }
        // Shared servers try on every poll while another one trains: no line per try.
        if !manager.coordinator.isShared {
            logger.info("retraining due", metadata: ["ratings_since_serving": "\(pending)"])
        }
        switch manager.attemptRetraining() {
        case .ran(.succeeded):
            countedBefore = 0
        case .ran:
            countedBefore = pending
        case .adopted:
            // Another server had just retrained on these ratings; its model now serves here.
            countedBefore = 0
        case .busy:
            // Another server is retraining; its model arrives through the watcher.
            return
        }
        lastAttempt = clock.now
    }

    private func lowerPriority() {
        // `who` 0 is the calling task, which on Linux is this thread alone.
        if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness) != 0 {
            logger.warning("cannot lower the retraining thread's priority; it trains at normal priority",
                           metadata: ["errno": "\(errno)"])
        }
    }
}
