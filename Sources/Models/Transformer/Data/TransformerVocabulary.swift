import Ratings

/// Raw ids ↔ embedding rows for one trained transformer. Movie row 0 is PAD and user
/// row 0 unused (the notebook's lookups start at 1), so row = dense index + 1.
public struct TransformerVocabulary: Sendable, Equatable {
    public var movies: IDIndex
    public var users: IDIndex
    /// Present when the model uses user features.
    public var features: UserFeatureEncoder?

    public init(movies: IDIndex, users: IDIndex, features: UserFeatureEncoder? = nil) {
        self.movies = movies
        self.users = users
        self.features = features
    }

    /// Movies and users in order of first appearance in `ratings` (train and validation
    /// together, as the notebook's lookups cover the whole dataset).
    public init(ratings: [Rating], profiles: [UserProfile]? = nil) throws(TransformerError) {
        movies = IDIndex(ratings.map(\.movie))
        users = IDIndex(ratings.map(\.user))
        features = try profiles.map { profiles throws(TransformerError) in try UserFeatureEncoder(profiles: profiles) }
    }

    public func movieRow(_ id: Int64) -> Int32? { movies.index(of: id).map { Int32($0 + 1) } }
    public func userRow(_ id: Int64) -> Int32? { users.index(of: id).map { Int32($0 + 1) } }

    /// A rating on the 0.5…5 scale as a rating-embedding row 1…5, halves rounded up
    /// (0.5 → 1, 3.5 → 4); 0 is PAD.
    public static func ratingRow(_ value: Float) -> Int32 {
        Int32(min(5, max(1, value.rounded(.toNearestOrAwayFromZero))))
    }
}
