import Foundation
import Models
import Ratings
import Recommender

/// Personal parameters for users the serving model does not know (and, optionally, known
/// users with new ratings), solved from their stored ratings against the model's fixed
/// movie factors (`MatrixFactorizationModel.foldIn`) and cached per (user, model version).
///
/// A user's entry is dropped when they post ratings (`invalidate`), so the next request
/// folds in everything they rated; a new model version misses the cache naturally. An
/// invalidation racing a fold-in wins: a result computed from ratings read before the
/// invalidation is not cached.
///
/// With a shared store (`sharedStore`), ratings also arrive through other servers, which
/// cannot invalidate this cache: an entry then also records the store's write sequence it
/// was computed at and is used only while the store is still at that sequence, so a
/// rating posted anywhere reaches the next fold-in here (at the price of recomputing
/// fold-ins after every write while writes stream in).
public final class FoldInCache: FoldInProvider, @unchecked Sendable {
    public struct Settings: Sendable {
        /// Ridge weights of the fold-in solve (not scaled by the user's rating count). The
        /// default 5 was chosen on ML-100k (Benchmarks/live/FOLDIN.md): at 1 a user's first
        /// few ratings overfit 100 factors and do worse than cold start; 5 beats cold start
        /// from the first rating, 20 is slower to learn.
        public var regularization: Float
        public var biasRegularization: Float
        /// Also fold in users the model knows, so their newest ratings count at once.
        public var knownUsers: Bool
        /// Entries kept before the cache is emptied (a bound on memory, not an LRU).
        public var capacity: Int
        /// Most recent ratings of a user read for a fold-in.
        public var historyLimit: Int
        /// Other processes write the store: entries are valid at one store sequence only.
        public var sharedStore: Bool

        public init(regularization: Float = 5, biasRegularization: Float = 5, knownUsers: Bool = false,
                    capacity: Int = 100_000, historyLimit: Int = 10_000, sharedStore: Bool = false) {
            self.regularization = regularization
            self.biasRegularization = biasRegularization
            self.knownUsers = knownUsers
            self.capacity = capacity
            self.historyLimit = historyLimit
            self.sharedStore = sharedStore
        }
    }

    private struct Entry {
        var version: String
        /// The store's write sequence when computed, nil unless the store is shared.
        var storeSequence: Int64?
        /// Nil: the user has no rating of a movie the model knows (cached too, so a cold-start
        /// user costs one store read per model version, not one per request).
        var user: MatrixFactorizationModel.FoldedUser?
    }

    public let settings: Settings
    private let lock = NSLock()
    private var entries: [Int64: Entry] = [:]
    private var generation: UInt64 = 0

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The user's folded-in parameters when fold-in applies to them (unknown to `model`, or
    /// known with `knownUsers`), computed from their history on a miss; nil when it does not
    /// apply or none of their ratings is of a movie the model knows.
    public func folded(_ user: UserContext, in model: MatrixFactorizationModel, version: String) throws
        -> MatrixFactorizationModel.FoldedUser? {
        guard settings.knownUsers || user.row(in: model.users) == nil else { return nil }
        // A shared store is written by other servers too: entries hold at one sequence only.
        let storeSequence = settings.sharedStore ? try user.writeSequence() : nil
        let (cached, startGeneration) = lock.withLock { (entries[user.user], generation) }
        if let cached, cached.version == version, cached.storeSequence == storeSequence { return cached.user }
        let history = try user.history(limit: settings.historyLimit)
        let folded = history.contains(where: { model.movies.index(of: $0.movie) != nil })
            ? try model.foldIn(ratings: history.map { (movie: $0.movie, value: $0.value) },
                               regularization: settings.regularization,
                               biasRegularization: settings.biasRegularization, scaleByCount: false)
            : nil
        lock.withLock {
            guard generation == startGeneration else { return }
            if entries.count >= settings.capacity { entries.removeAll(keepingCapacity: true) }
            entries[user.user] = Entry(version: version, storeSequence: storeSequence, user: folded)
        }
        return folded
    }

    /// Forgets `users`' entries: they posted ratings.
    public func invalidate(users: some Sequence<Int64>) {
        lock.withLock {
            generation &+= 1
            for user in users { entries[user] = nil }
        }
    }

    /// Cached users, those with nothing to fold in included.
    public var count: Int { lock.withLock { entries.count } }
}
