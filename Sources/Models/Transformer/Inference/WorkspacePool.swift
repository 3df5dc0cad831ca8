import Foundation

/// Up to `limit` inference workspaces handed to concurrent requests: a request takes one,
/// or makes one while fewer than `limit` exist, or waits for one to come back. Lets two
/// request threads score at once where a single lock would serialise them, while memory
/// stays bounded by the limit (and only as many exist as requests ever ran side by side).
/// A request with many candidates may also borrow idle workspaces to split its work.
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

    /// One workspace (waiting if need be) plus up to `extra` more that are free or may still be
    /// made; never waits for those, so a busy server splits nothing and two requests never
    /// hold one workspace each while waiting for the other's.
    func withWorkspaces<R, E: Error>(extra: Int, _ body: ([InferenceWorkspace]) throws(E) -> R) throws(E) -> R {
        var workspaces = [take()]
        while workspaces.count <= extra, let more = takeIfFree() { workspaces.append(more) }
        // Given back helpers first, so the next request takes the same one first and the same
        // ones as helpers, whose partner threads are the ones still spinning.
        defer { workspaces.reversed().forEach(give) }
        return try body(workspaces)
    }

    private func takeIfFree() -> InferenceWorkspace? {
        condition.lock()
        if let workspace = free.popLast() {
            condition.unlock()
            return workspace
        }
        guard created < limit else {
            condition.unlock()
            return nil
        }
        created += 1
        condition.unlock()
        return make()
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
