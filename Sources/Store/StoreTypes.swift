import Ratings

/// What identifies the state of the ratings table cheaply: equal fingerprints mean a
/// model trained on one snapshot is current for the other.
public struct StoreFingerprint: Hashable, Sendable {
    /// Number of (user, movie) ratings.
    public var count: Int
    /// Newest rating time written, 0 for a store never written. A retracted rating's time
    /// stays (finding the newest remaining one would cost a scan): the sequence already
    /// tells every state apart, the count and this make it readable. Forgetting a user
    /// lowers it to the newest time still stored, so no time of theirs is kept.
    public var maxTimestamp: Int64
    /// Number of the last write transaction that changed ratings (see
    /// `RatingStore.changes(since:)`), 0 for a store never written.
    public var sequence: Int64

    public init(count: Int, maxTimestamp: Int64, sequence: Int64) {
        self.count = count
        self.maxTimestamp = maxTimestamp
        self.sequence = sequence
    }

    public static let empty = StoreFingerprint(count: 0, maxTimestamp: 0, sequence: 0)
}

/// Every rating as of one instant, with the fingerprint of that same instant.
public struct RatingSnapshot: Sendable {
    /// Ordered by (user, movie).
    public var ratings: [Rating]
    public var fingerprint: StoreFingerprint

    public init(ratings: [Rating], fingerprint: StoreFingerprint) {
        self.ratings = ratings
        self.fingerprint = fingerprint
    }
}

/// What a write did, row by row: a rating older than the stored one, or identical to
/// it, leaves the row unchanged (the store already holds that rating or a newer one).
public struct WriteSummary: Equatable, Sendable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public var total: Int { inserted + updated + unchanged }

    /// Rows the write inserted or replaced: what a client may call stored.
    public var changed: Int { inserted + updated }
}

/// The result of importing a whole dataset.
public struct ImportSummary: Equatable, Sendable {
    /// Rating lines read from the files.
    public var ratingsRead: Int
    public var ratings: WriteSummary
    /// Movie and user rows written (inserted or changed).
    public var moviesWritten: Int
    public var usersWritten: Int

    public init(ratingsRead: Int, ratings: WriteSummary, moviesWritten: Int, usersWritten: Int) {
        self.ratingsRead = ratingsRead
        self.ratings = ratings
        self.moviesWritten = moviesWritten
        self.usersWritten = usersWritten
    }
}

/// What `RatingStore.forgetUser` found.
public enum ForgetOutcome: Equatable, Sendable {
    /// The user had ratings or a profile: every one is gone.
    case forgotten(ratings: Int)
    /// Forgotten before, and nothing of them is stored now.
    case alreadyForgotten
    /// The store never knew this user.
    case unknown
}

/// A movie's stored ratings in brief.
public struct MovieRatingStats: Equatable, Sendable {
    public var count: Int
    /// Mean rating, nil when the movie has none.
    public var mean: Double?

    public init(count: Int, mean: Double?) {
        self.count = count
        self.mean = mean
    }
}

/// How hard SQLite works to make a commit survive a crash (`PRAGMA synchronous`).
public enum Durability: String, Sendable {
    /// `FULL`: the WAL is fsynced at every commit, so an acknowledged rating survives
    /// `kill -9` and power loss. The default for the service.
    case full = "FULL"
    /// `NORMAL`: in WAL mode still atomic and consistent, but the last commits may be
    /// lost on power loss (not on `kill -9`); they become durable at the next checkpoint.
    case normal = "NORMAL"
}
