import Foundation
import Synchronization

/// A thread of its own for one inference workspace, so a request can hand part of a layer to
/// another core and have it start within a microsecond or two. Dispatch's shared pool was
/// tried first: on this VM its parked worker woke so late that the caller had usually run
/// both halves itself (the split feed-forward block took 405 µs against 367 µs unsplit).
/// After each job the thread polls for the next one for `spinWindow`, yielding the core
/// to any other runnable thread, which bridges the gap between the parts of one request
/// and between back-to-back requests; then it parks and costs nothing.
final class PartnerThread: @unchecked Sendable {
    /// How long the thread watches for the next job before parking.
    static let spinWindow: Duration = .microseconds(200)

    private let state: State

    /// `name` (at most 15 bytes, the kernel's limit) is what `top -H` and /proc show.
    init(name: String) {
        state = State()
        let state = state
        Thread {
            // set from the thread itself: Foundation names the OS thread only then
            Thread.current.name = name
            state.run()
        }.start()
    }

    deinit { state.stop() }

    /// Runs `job` on the partner thread; `wait` returns once it has finished. One job at a time.
    func start(_ job: @escaping () -> Void) { state.post(job) }

    /// Returns once the job last started has finished.
    func wait() { state.waitForCompletion() }

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
