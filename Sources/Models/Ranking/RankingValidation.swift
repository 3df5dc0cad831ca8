import Linalg
import Ratings

/// The ranking check shared by every model, so that their figures compare: for each user
/// with a validation rating, rank every movie the model knows minus the user's training
/// movies by the model's scores for the user's training history, and average HR@k and
/// NDCG@k (`Ratings.RankingMetrics`).
///
/// Relevant movies are the user's validation movies (implicit feedback: which movies they
/// rate next, whatever the value; `minimumRelevantRating` narrows that to good ratings, as
/// `movierec eval`'s random protocol does), among those the model knows and the user did not
/// rate in training. Users left without a relevant movie are not averaged. Ties in score go
/// to the lower movie index (`TopK`).
///
/// Every user is one full scoring of the catalogue; on large data `maximumUsers` scores an
/// evenly spaced sample of the validated users (in ascending id order), the same users for
/// every model and epoch.
public struct RankingValidation: Sendable {
    public let k: Int
    /// Stored in the scores: which holdout the validation ratings are.
    public let holdout: String
    /// Every movie of the training ratings, in ascending id order (the index the models build).
    public let trainingMovies: IDIndex
    /// Validated users in ascending id order, their training history and relevant movies.
    private let users: [(history: [Rating], relevant: [Int64])]
    private let trainingCounts: [Int64: Int]

    public init(training: [Rating], validation: [Rating], k: Int = 10, holdout: String = "validation",
                minimumRelevantRating: Float? = nil, maximumUsers: Int? = nil) {
        precondition(k >= 1 && (maximumUsers ?? 1) >= 1, "k and maximumUsers must be at least 1")
        self.k = k
        self.holdout = holdout
        var histories: [Int64: [Rating]] = [:]
        var counts: [Int64: Int] = [:]
        for rating in training {
            histories[rating.user, default: []].append(rating)
            counts[rating.movie, default: 0] += 1
        }
        var relevant: [Int64: [Int64]] = [:]
        for rating in validation where rating.value >= (minimumRelevantRating ?? -.infinity) {
            relevant[rating.user, default: []].append(rating.movie)
        }
        var chosen = relevant.keys.sorted()
        if let maximumUsers, maximumUsers < chosen.count {
            let all = chosen
            chosen = (0..<maximumUsers).map { all[$0 * all.count / maximumUsers] }
        }
        users = chosen.map { (histories[$0] ?? [], relevant[$0] ?? []) }
        trainingCounts = counts
        trainingMovies = IDIndex(counts.keys.sorted())
    }

    /// Scores `score(history)` (one score per movie of `movies`, in index order) for every
    /// validated user.
    public func measure(movies: IDIndex, score: ([Rating]) throws -> [Float]) rethrows -> RankingValidationScores {
        try measure(movies: movies, chunk: 1) { histories in try histories.map(score) }
    }

    /// As `measure(movies:score:)`, for a model that scores many histories at once faster
    /// than one by one: `scoreChunk` receives up to `chunk` histories and returns their scores.
    public func measure(movies: IDIndex, chunk: Int,
                        scoreChunk: ([[Rating]]) throws -> [[Float]]) rethrows -> RankingValidationScores {
        try measureVariants(movies: movies, variants: 1, chunk: chunk) { histories in
            try scoreChunk(histories).map { [$0] }
        }[0]
    }

    /// Measures `variants` rankings of the same users in one pass: `score(history)` returns one
    /// score list per variant (each one score per movie of `movies`). For choices such as a
    /// blend's weights, whose candidates share the expensive per-user scoring.
    public func measure(movies: IDIndex, variants: Int,
                        score: ([Rating]) throws -> [[Float]]) rethrows -> [RankingValidationScores] {
        try measureVariants(movies: movies, variants: variants, chunk: 1) { histories in try histories.map(score) }
    }

    private func measureVariants(movies: IDIndex, variants: Int, chunk: Int,
                                 scoreChunk: ([[Rating]]) throws -> [[[Float]]]) rethrows -> [RankingValidationScores] {
        var metrics = [RankingMetrics](repeating: RankingMetrics(), count: variants)
        var excluded = [Bool](repeating: false, count: movies.count)
        // Users with a relevant movie the model knows and they did not rate in training.
        let scorable: [(history: [Rating], trained: [Int], relevant: Set<Int64>)] = users.compactMap { user in
            let trained = user.history.compactMap { movies.index(of: $0.movie) }
            let rated = Set(trained)
            let relevant = Set(user.relevant.filter { movies.index(of: $0).map { !rated.contains($0) } ?? false })
            return relevant.isEmpty ? nil : (user.history, trained, relevant)
        }
        var start = 0
        while start < scorable.count {
            let part = scorable[start..<min(scorable.count, start + max(1, chunk))]
            start = part.endIndex
            let scored = try scoreChunk(part.map(\.history))
            precondition(scored.count == part.count, "one set of score lists per history")
            for (user, lists) in zip(part, scored) {
                precondition(lists.count == variants, "one score list per variant")
                for index in user.trained { excluded[index] = true }
                defer { for index in user.trained { excluded[index] = false } }
                for (variant, scores) in lists.enumerated() {
                    precondition(scores.count == movies.count, "a score per movie of the model")
                    let ranked = scores.withUnsafeBufferPointer { buffer in
                        TopK.select(buffer, k: k) { excluded[$0] }.map { movies.id(at: $0.index) }
                    }
                    metrics[variant].add(ranked: ranked, relevant: user.relevant, k: k)
                }
            }
        }
        // No scorable user: zeros rather than NaN, which JSON cannot carry.
        return metrics.map { metrics in
            RankingValidationScores(users: metrics.users, hitRate: metrics.users > 0 ? metrics.hitRate : 0,
                                    ndcg: metrics.users > 0 ? metrics.ndcg : 0, k: k, holdout: holdout)
        }
    }

    /// The floor every model must beat: the same users and movies ranked by their number of
    /// training ratings, the same list for everyone.
    public func mostRated(movies: IDIndex? = nil) -> RankingValidationScores {
        let movies = movies ?? trainingMovies
        let counts = movies.ids.map { Float(trainingCounts[$0] ?? 0) }
        return measure(movies: movies) { _ in counts }
    }
}
