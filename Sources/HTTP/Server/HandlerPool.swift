import Foundation
import Threads

/// Threads that run the handlers of pool-placed routes (`HandlerPlacement.pool`), first come
/// first served, so a blocking handler holds up only its own request. Each job is told whether
/// others are queued behind it (a backlog), for load shedding. Jobs queued when `stop()` is
/// called still run; then the threads exit.
final class HandlerPool: @unchecked Sendable {
    private let condition = NSCondition()
    /// Jobs from `head` on are waiting; taken slots are cleared so a run job's request is freed.
    private var queue: [Job?] = []
    private var head = 0
    private var stopping = false

    typealias Job = @Sendable (_ backlogged: Bool) -> Void

    init(threads: Int) {
        for index in 0..<threads {
            startThread(named: "http-handler-\(index)") { [self] in work() }
        }
    }

    func submit(_ job: @escaping Job) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while let (job, backlogged) = next() { job(backlogged) }
    }

    /// The oldest queued job and whether more wait behind it, waiting for one; `nil` once
    /// stopping and empty.
    private func next() -> (Job, Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count {
            if stopping { return nil }
            condition.wait()
        }
        guard let job = queue[head] else { return nil }
        queue[head] = nil
        head += 1
        let backlogged = head < queue.count
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return (job, backlogged)
    }
}
