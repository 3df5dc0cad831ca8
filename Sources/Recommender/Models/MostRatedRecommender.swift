import Ratings

/// Movies by how many ratings they have, the same list for everyone: what a user without
/// ratings is shown, and the baseline every ranker must beat.
public struct MostRatedRecommender: RecommenderModel {
    public let movies: IDIndex
    /// Ratings per movie, by dense index.
    public let counts: [Float]

    /// - Parameter ratingCounts: ratings per raw movie id (movies without ratings are left out).
    public init(ratingCounts: [Int64: Int]) {
        let rated = ratingCounts.filter { $0.value > 0 }.keys.sorted()
        movies = IDIndex(rated)
        counts = rated.map { Float(ratingCounts[$0] ?? 0) }
    }

    public var kind: ModelKind { .mostRated }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        .scores(candidates.map { $0.map { counts[$0] } } ?? counts)
    }

    public func similarities(to index: Int) -> [Float]? { nil }
}
