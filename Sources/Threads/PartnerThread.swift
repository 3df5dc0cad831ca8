import Foundation
import Synchronization

/// A thread that takes a share of one caller's product, started within a microsecond or two.
/// Dispatch's shared pool was tried first: on this VM its parked worker woke so late that
/// the caller had usually computed every share itself (the transformer's split feed-forward
/// block took 405 µs against 367 µs unsplit). After each job the thread polls for the next
/// one for `spinWindow`, yielding the core to any other runnable thread, which bridges the
/// gap between the shares of one request and between back-to-back requests; then it parks
/// and costs nothing, and a parked partner is no faster to wake than Dispatch's (a 24 MB
/// catalogue gemv in halves: 0.65–0.82 ms back to back, against Dispatch's 1.2 ms; 1.2–1.3 ms
/// with a millisecond between calls, as Dispatch). Dropping it ends the thread.
public final class PartnerThread: @unchecked Sendable {
    /// How long the thread watches for the next job before parking.
    static let spinWindow: Duration = .microseconds(200)

    private let state: State

    /// `name` (at most 15 bytes, the kernel's limit) is what `top -H` and /proc show.
    public init(name: String) {
        state = State()
        let state = state
        startThread(named: name) { state.run() }
    }

    deinit { state.stop() }

    /// Runs `job` on the partner thread; `wait` returns once it has finished. One job at a time.
    public func start(_ job: @escaping () -> Void) { state.post(job) }

    /// Returns once the job last started has finished.
    public func wait() { state.waitForCompletion() }

    /// Runs `body(0)` on this thread and `body(i)` on `partners[i − 1]`, all at once, and
    /// returns when every part is done.
    public static func inParts(_ partners: [PartnerThread], _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            for (index, partner) in partners.enumerated() {
                partner.start { body(index + 1) }
            }
            body(0)
            for partner in partners { partner.wait() }
        }
    }

    /// What the caller and the thread share; the thread holds only this, so dropping the
    /// `PartnerThread` stops it.
    private final class State: @unchecked Sendable {
        private let posted = Atomic<Int>(0)
        private let finished = Atomic<Int>(0)
        private let stopping = Atomic<Bool>(false)
        private let condition = NSCondition()
        /// Written under `condition` before `posted` moves, read by the thread after it sees the move.
        private var job: (() -> Void)?

        func post(_ job: @escaping () -> Void) {
            condition.lock()
            self.job = job
            posted.add(1, ordering: .releasing)
            condition.broadcast()
            condition.unlock()
        }

        func waitForCompletion() {
            let target = posted.load(ordering: .relaxed)
            if spin(until: { finished.load(ordering: .acquiring) == target }) { return }
            condition.lock()
            while finished.load(ordering: .acquiring) != target { condition.wait() }
            condition.unlock()
        }

        func stop() {
            condition.lock()
            stopping.store(true, ordering: .releasing)
            condition.broadcast()
            condition.unlock()
        }

        func run() {
            var seen = 0
            while true {
                let arrived = spin { posted.load(ordering: .acquiring) != seen || stopping.load(ordering: .acquiring) }
                condition.lock()
                if !arrived {
                    while posted.load(ordering: .acquiring) == seen && !stopping.load(ordering: .acquiring) {
                        condition.wait()
                    }
                }
                if stopping.load(ordering: .acquiring) {
                    condition.unlock()
                    return
                }
                var work = job
                job = nil
                seen = posted.load(ordering: .acquiring)
                condition.unlock()
                work?()
                // released before the caller may return, which it does on `finished`
                work = nil
                finished.store(seen, ordering: .releasing)
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Polls `done` for up to `spinWindow`; whether it came true.
        private func spin(until done: () -> Bool) -> Bool {
            let deadline = ContinuousClock.now + PartnerThread.spinWindow
            var polls = 0
            while !done() {
                // polite: a thread with real work on this core runs first
                sched_yield()
                polls += 1
                if polls & 15 == 0, ContinuousClock.now > deadline { return false }
            }
            return true
        }
    }
}
