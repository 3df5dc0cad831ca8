import Foundation

/// Top-k ranking quality of one user's recommendation list against the movies that user
/// rated highly in the held-out part, with binary relevance.
///
/// Definitions, for a list L of at most k movies (best first, training items already
/// excluded by the caller) and a non-empty relevant set R:
/// - hit rate HR@k = 1 if some L[i] ∈ R, else 0;
/// - recall@k = |L ∩ R| / |R| (the standard definition: a user with more relevant movies
///   than k cannot reach 1);
/// - NDCG@k = Σ_{L[i] ∈ R} 1/log2(i + 2) divided by the ideal Σ_{i < min(k, |R|)} 1/log2(i + 2);
/// - AP@k = Σ_{L[i] ∈ R} precision@(i + 1), divided by min(k, |R|).
/// Positions i are 0-based. A user without relevant movies has no defined score and is left
/// out of every average (`init` returns nil); `RankingMetrics` counts such users apart.
public struct UserRankingScores: Sendable, Equatable {
    public var hit: Double
    public var recall: Double
    public var ndcg: Double
    public var averagePrecision: Double

    /// Scores of `ranked` (best first; only its first `k` entries count) against `relevant`;
    /// nil when `relevant` is empty.
    public init?(ranked: [Int64], relevant: Set<Int64>, k: Int) {
        guard !relevant.isEmpty, k >= 1 else { return nil }
        var hits = 0
        var dcg = 0.0
        var precisionSum = 0.0
        for (position, movie) in ranked.prefix(k).enumerated() where relevant.contains(movie) {
            hits += 1
            dcg += 1 / log2(Double(position + 2))
            precisionSum += Double(hits) / Double(position + 1)
        }
        let ideal = min(k, relevant.count)
        var idealDCG = 0.0
        for position in 0..<ideal { idealDCG += 1 / log2(Double(position + 2)) }
        hit = hits > 0 ? 1 : 0
        recall = Double(hits) / Double(relevant.count)
        ndcg = dcg / idealDCG
        averagePrecision = precisionSum / Double(ideal)
    }
}

/// Means of `UserRankingScores` over the users that have at least one relevant held-out movie.
public struct RankingMetrics: Sendable, Equatable {
    /// Users whose scores were averaged.
    public private(set) var users = 0
    /// Users seen without any relevant held-out movie, excluded from the means.
    public private(set) var usersWithoutRelevant = 0
    private var sums = (hit: 0.0, recall: 0.0, ndcg: 0.0, averagePrecision: 0.0)

    public init() {}

    /// Adds one user's list; users with an empty `relevant` set are only counted.
    public mutating func add(ranked: [Int64], relevant: Set<Int64>, k: Int) {
        guard let scores = UserRankingScores(ranked: ranked, relevant: relevant, k: k) else {
            usersWithoutRelevant += 1
            return
        }
        users += 1
        sums.hit += scores.hit
        sums.recall += scores.recall
        sums.ndcg += scores.ndcg
        sums.averagePrecision += scores.averagePrecision
    }

    public var hitRate: Double { mean(sums.hit) }
    public var recall: Double { mean(sums.recall) }
    public var ndcg: Double { mean(sums.ndcg) }
    /// MAP@k: the mean of AP@k.
    public var meanAveragePrecision: Double { mean(sums.averagePrecision) }

    private func mean(_ sum: Double) -> Double { users == 0 ? .nan : sum / Double(users) }

    public static func == (a: RankingMetrics, b: RankingMetrics) -> Bool {
        a.users == b.users && a.usersWithoutRelevant == b.usersWithoutRelevant && a.sums == b.sums
    }
}
