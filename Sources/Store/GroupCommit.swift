import Foundation

/// Batches concurrent writers into group commits: each caller enqueues its work and
/// waits; whichever caller finds no commit in progress becomes the leader, takes every
/// request queued so far and commits them in one transaction (one fsync), then wakes each
/// caller with its own result. Requests that arrive during a commit form the next group,
/// so under load a group is everything that queued behind one fsync, and a lone writer
/// pays no added latency.
///
/// A failed commit (a database error) fails the whole group: every caller of it gets the
/// error, and nothing of the group is written. Input validation must happen before
/// `submit`, so one caller's bad input never fails the others.
final class GroupCommit<Input, Output>: @unchecked Sendable {
    private final class Pending {
        let input: Input
        var result: Result<Output, any Error>?

        init(_ input: Input) {
            self.input = input
        }
    }

    private let condition = NSCondition()
    private var queue: [Pending] = []
    private var committing = false
    /// Groups committed and requests in them, for tests and metrics.
    private(set) var groups = 0
    private(set) var requests = 0

    init() {}

    /// Enqueues `input` and returns its output once the group holding it is committed.
    /// - Parameter commit: writes one group (inputs in arrival order, one output per
    ///   input); run by whichever caller leads the group, so every caller passes the same.
    func submit(_ input: Input, commit: ([Input]) throws -> [Output]) throws -> Output {
        let mine = Pending(input)
        condition.lock()
        defer { condition.unlock() }
        queue.append(mine)
        while true {
            if let result = mine.result { return try result.get() }
            if committing {
                condition.wait()
                continue
            }
            committing = true
            let group = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            let outcome = Result { try commit(group.map(\.input)) }
            condition.lock()
            switch outcome {
            case let .success(outputs) where outputs.count == group.count:
                for (pending, output) in zip(group, outputs) { pending.result = .success(output) }
            case .success:
                for pending in group { pending.result = .failure(GroupCommitError.outputCountMismatch) }
            case let .failure(error):
                for pending in group { pending.result = .failure(error) }
            }
            groups += 1
            requests += group.count
            committing = false
            condition.broadcast()
        }
    }

    /// Requests waiting for the next group.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Groups and requests committed so far.
    var statistics: (groups: Int, requests: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (groups, requests)
    }
}

/// A commit function broke the one-output-per-input contract (a programming error,
/// reported instead of crashing).
enum GroupCommitError: Error {
    case outputCountMismatch
}
