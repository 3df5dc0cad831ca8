import Synchronization

/// Open connections across all loops, shared by the acceptor (which admits or turns away) and the
/// loops (which release on close).
final class ConnectionCounter: Sendable {
    private let count = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more connection if under the limit; `false` means turn it away.
    func admit() -> Bool {
        let now = count.wrappingAdd(1, ordering: .relaxed).newValue
        if now > limit {
            count.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func release() {
        count.wrappingSubtract(1, ordering: .relaxed)
    }
}
