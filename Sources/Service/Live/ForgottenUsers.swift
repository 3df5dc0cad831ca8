import Foundation
import Store

/// Users who asked to be forgotten after the serving model's snapshot was taken. Their
/// ratings are gone from the store, but the loaded model still holds rows learned from them
/// (MF's factors, the transformer's user embedding) until a retraining without them; every
/// request for such a user is served as for a user the model never saw.
///
/// Read from the store once per serving model (`RatingStore.forgottenUsers(since:)`, keyed
/// by the model's store sequence) and kept up to date by this server's own forgets. Another
/// replica's forget reaches this one with the next model it loads.
public final class ForgottenUsers: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: (sequence: Int64, users: Set<Int64>)?

    public init() {}

    /// Whether `user` was forgotten after the model trained on store sequence `sequence`.
    func contains(_ user: Int64, modelSequence sequence: Int64, store: any RatingStore) throws -> Bool {
        if let loaded = lock.withLock({ loaded }), loaded.sequence == sequence { return loaded.users.contains(user) }
        let users = try store.forgottenUsers(since: sequence)
        lock.withLock {
            if loaded?.sequence != sequence { loaded = (sequence, users) }
        }
        return users.contains(user)
    }

    /// Masks `user` from now on (this server just forgot them).
    func add(_ user: Int64) {
        lock.withLock { _ = loaded?.users.insert(user) }
    }
}
