import Ratings

/// Where a user's ratings are read from when a request needs them: the store in the
/// service, memory in evaluation and tests.
public protocol UserRatingsSource: Sendable {
    /// The user's newest `limit` ratings, oldest first (ties in time by movie id).
    func history(user: Int64, limit: Int) throws -> [Rating]
    /// Every rating of the user, in any order.
    func ratings(user: Int64) throws -> [Rating]
    /// Demographics, nil when none are stored.
    func profile(user: Int64) throws -> UserProfile?
    /// The store's write sequence now (nil for ratings in memory): answers cached per
    /// user are checked against it when other processes write the store too.
    func writeSequence() throws -> Int64?
}

/// One request's view of a user. Each model reads only what it needs (the transformer its
/// last S − 1 ratings, EASE every rated movie, MF for a known user nothing at all), and
/// what was read once is reused for the rest of the request, so a rating posted a second
/// ago counts and no request reads the store twice for the same thing.
///
/// Not shared between threads: one request, one context.
public final class UserContext: @unchecked Sendable {
    public let user: Int64
    /// The user asked to be forgotten after the serving models were trained: their
    /// ratings are gone from the store, and the rows the models still hold for them
    /// (MF's factors, the transformer's user embedding) must not be used either. Such a
    /// user is served like one the models never saw, from what the store holds now.
    public let forgotten: Bool
    private let source: any UserRatingsSource
    private var history: (limit: Int, ratings: [Rating])?
    private var all: [Rating]?
    private var rated: Set<Int64>?
    private var profileRead: UserProfile??
    private var sequenceRead: Int64??

    public init(user: Int64, source: any UserRatingsSource, forgotten: Bool = false) {
        self.user = user
        self.source = source
        self.forgotten = forgotten
    }

    /// The user's row in a model's user index, nil when the model never saw them or they
    /// were forgotten since: the one way a model reads its per-user parameters.
    public func row(in users: IDIndex) -> Int? {
        forgotten ? nil : users.index(of: user)
    }

    /// The user's newest `limit` ratings, oldest first: from every rating when those were
    /// read already (one read of the user's rows serves the rated set and the history), else
    /// from the store, which returns only those.
    public func history(limit: Int) throws -> [Rating] {
        if let history, history.limit >= limit || history.ratings.count < history.limit {
            return Array(history.ratings.suffix(limit))
        }
        let ratings = try all.map { Array($0.sorted(by: Rating.chronologically).suffix(limit)) }
            ?? source.history(user: user, limit: limit)
        history = (limit, ratings)
        return ratings
    }

    /// Every rating of the user, in no particular order: what rankers that read a whole
    /// history (EASE, iALS) score from.
    public func allRatings() throws -> [Rating] {
        if let all { return all }
        let ratings = try source.ratings(user: user)
        all = ratings
        return ratings
    }

    /// Every movie the user rated: never recommended back to them. Read as every rating
    /// (the same rows of the store), which a model then reads its history from.
    public func ratedMovies() throws -> Set<Int64> {
        if let rated { return rated }
        let movies: Set<Int64>
        if let history, all == nil, history.ratings.count < history.limit {
            movies = Set(history.ratings.map(\.movie))
        } else {
            movies = Set(try allRatings().map(\.movie))
        }
        rated = movies
        return movies
    }

    public func profile() throws -> UserProfile? {
        if let profileRead { return profileRead }
        let profile = try source.profile(user: user)
        profileRead = .some(profile)
        return profile
    }

    public func writeSequence() throws -> Int64? {
        if let sequenceRead { return sequenceRead }
        let sequence = try source.writeSequence()
        sequenceRead = .some(sequence)
        return sequence
    }
}

/// Ratings held in memory, grouped by user: the source `movierec eval` and tests use.
public struct InMemoryRatings: UserRatingsSource {
    private let byUser: [Int64: [Rating]]
    private let profiles: [Int64: UserProfile]

    public init(_ ratings: [Rating], profiles: [UserProfile] = []) {
        var grouped: [Int64: [Rating]] = [:]
        for rating in ratings { grouped[rating.user, default: []].append(rating) }
        byUser = grouped.mapValues { $0.sorted(by: Rating.chronologically) }
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { _, newest in newest })
    }

    public func history(user: Int64, limit: Int) throws -> [Rating] {
        Array((byUser[user] ?? []).suffix(limit))
    }

    public func ratings(user: Int64) throws -> [Rating] { byUser[user] ?? [] }

    public func profile(user: Int64) throws -> UserProfile? { profiles[user] }

    public func writeSequence() throws -> Int64? { nil }
}
