import Foundation

/// Up to `limit` inference workspaces handed to concurrent requests: a request takes one,
/// or makes one while fewer than `limit` exist, or waits for one to come back. Lets two
/// request threads score at once where a single lock would serialise them, while memory
/// stays bounded by the limit (and only as many exist as requests ever ran side by side).
final class WorkspacePool: @unchecked Sendable {
    private let make: () -> InferenceWorkspace
    private let limit: Int
    private var free: [InferenceWorkspace] = []
    private var created = 0
    private let condition = NSCondition()

    init(limit: Int, make: @escaping () -> InferenceWorkspace) {
        self.limit = max(1, limit)
        self.make = make
    }

    /// Workspaces made so far.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return created
    }

    func withWorkspace<R, E: Error>(_ body: (InferenceWorkspace) throws(E) -> R) throws(E) -> R {
        let workspace = take()
        defer { give(workspace) }
        return try body(workspace)
    }

    private func take() -> InferenceWorkspace {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && created >= limit { condition.wait() }
        if let workspace = free.popLast() { return workspace }
        created += 1
        return make()
    }

    private func give(_ workspace: InferenceWorkspace) {
        condition.lock()
        free.append(workspace)
        condition.signal()
        condition.unlock()
    }
}
