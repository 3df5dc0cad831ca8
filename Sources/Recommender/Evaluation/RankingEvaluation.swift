import Models
import Ratings

/// Top-k lists measured exactly as the server answers them: every held-out user's list comes
/// from `Recommender.recommend` over a context holding only their training ratings, so the
/// candidates are every movie the model knows minus the user's training movies, and a user
/// a model has nothing personal for gets the cold-start list, as they would over HTTP.
///
/// Relevant movies are the user's held-out ratings that `isRelevant` accepts, of movies seen
/// in training and not among the user's training movies (a movie no model saw cannot be
/// ranked; a re-rating is no discovery). Users without one are counted apart.
public struct RankingEvaluation {
    public let training: [Rating]
    public let heldOut: [Rating]
    /// List lengths measured; metrics for each come from one list of the longest.
    public let cutoffs: [Int]
    public let isRelevant: @Sendable (Rating) -> Bool

    public init(training: [Rating], heldOut: [Rating], cutoffs: [Int], isRelevant: @escaping @Sendable (Rating) -> Bool) {
        precondition(!cutoffs.isEmpty && cutoffs.allSatisfy { $0 >= 1 }, "cutoffs must be positive")
        self.training = training
        self.heldOut = heldOut
        self.cutoffs = cutoffs
        self.isRelevant = isRelevant
    }

    /// Metrics by model, slice and cutoff, for every kind in `kinds` (answered through
    /// `recommender`, which must have been built from models trained on `training`).
    public func measure(_ recommender: Recommender, kinds: [ModelKind], coldUsers: Set<Int64>) throws
        -> [ModelKind: [EvaluationSlice: [Int: RankingMetrics]]] {
        let source = InMemoryRatings(training)
        let trainedMovies = Set(training.map(\.movie))
        var byUser: [Int64: [Rating]] = [:]
        for rating in heldOut { byUser[rating.user, default: []].append(rating) }
        let empty = Dictionary(uniqueKeysWithValues: cutoffs.map { ($0, RankingMetrics()) })
        var results: [ModelKind: [EvaluationSlice: [Int: RankingMetrics]]] = [:]
        for kind in kinds { results[kind] = [.all: empty, .coldStart: empty] }
        let longest = cutoffs.max() ?? 1
        for user in byUser.keys.sorted() {
            let context = UserContext(user: user, source: source)
            let rated = try context.ratedMovies()
            let relevant = Set((byUser[user] ?? []).filter {
                isRelevant($0) && trainedMovies.contains($0.movie) && !rated.contains($0.movie)
            }.map(\.movie))
            let slices: [EvaluationSlice] = coldUsers.contains(user) ? [.all, .coldStart] : [.all]
            for kind in kinds {
                let ranked = relevant.isEmpty ? [] : try recommender.recommend(context, k: longest, using: kind).items.map(\.movie)
                for slice in slices {
                    for k in cutoffs { results[kind]?[slice]?[k]?.add(ranked: ranked, relevant: relevant, k: k) }
                }
            }
        }
        return results
    }
}
