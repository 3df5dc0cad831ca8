import Linalg
import Ratings

/// Top-k ranking of every movie the model knows, for each user with held-out ratings, by MF
/// scores (one gemv per user), by μ + b_i and by training-rating count, scored with
/// `RankingMetrics`.
///
/// Candidates are all of the model's movies minus the user's training movies, so a training
/// movie can never be recommended or counted as a hit, however high it scores. Relevant
/// movies are the user's held-out ratings ≥ `relevanceThreshold` of movies the model knows
/// and the user did not rate in training (a movie unseen in training cannot be ranked).
/// A user unknown to the model is ranked by the popularity scores in both rankers, as
/// `serve` would.
struct RankingEvaluation {
    let model: MatrixFactorizationModel
    let history: TrainingHistory
    let k: Int
    let relevanceThreshold: Float

    func measure(_ heldOut: [Rating], coldUsers: Set<Int64>) -> [Ranker: [EvaluationSlice: RankingMetrics]] {
        var byUser: [Int64: [Rating]] = [:]
        for rating in heldOut { byUser[rating.user, default: []].append(rating) }
        let popularity = model.coldStartScores()
        var results: [Ranker: [EvaluationSlice: RankingMetrics]] = [:]
        for ranker in Ranker.allCases { results[ranker] = [.all: RankingMetrics(), .coldStart: RankingMetrics()] }
        var excluded = [Bool](repeating: false, count: model.movies.count)
        for user in byUser.keys.sorted() {
            guard let ratings = byUser[user] else { continue }
            let trained = history.movieIndices(of: user)
            for index in trained { excluded[index] = true }
            defer { for index in trained { excluded[index] = false } }
            let relevant = Set(ratings.compactMap { rating -> Int64? in
                guard rating.value >= relevanceThreshold, let index = model.movies.index(of: rating.movie),
                      !excluded[index] else { return nil }
                return rating.movie
            })
            let slices: [EvaluationSlice] = coldUsers.contains(user) ? [.all, .coldStart] : [.all]
            for ranker in Ranker.allCases {
                let ranked: [Int64]
                if relevant.isEmpty {
                    ranked = []
                } else {
                    let scores: [Float]
                    switch ranker {
                    case .mostRated: scores = history.movieCounts
                    case .popularity: scores = popularity
                    case .matrixFactorization:
                        scores = model.users.index(of: user).map { model.scores(forUser: $0) } ?? popularity
                    }
                    ranked = top(scores, excluded: excluded)
                }
                for slice in slices { results[ranker]?[slice]?.add(ranked: ranked, relevant: relevant, k: k) }
            }
        }
        return results
    }

    private func top(_ scores: [Float], excluded: [Bool]) -> [Int64] {
        scores.withUnsafeBufferPointer { buffer in
            TopK.select(buffer, k: k) { excluded[$0] }.map { model.movies.id(at: $0.index) }
        }
    }
}
