import Ratings

/// A weighted sum of several rankers' scores, each standardised per user over the catalogue
/// (z = (s − mean) / standard deviation) so that a transformer's logits and EASE's weight
/// sums meet on one scale. The weights are fitted on validation (`RankingTraining`).
public struct ScoreBlend: Codable, Sendable, Equatable {
    /// Model kinds, in the order of `weights`.
    public var models: [String]
    public var weights: [Float]

    public static let kind = "blend"

    public init(models: [String], weights: [Float]) {
        self.models = models
        self.weights = weights
    }

    /// Throws unless there are at least two models, one finite non-negative weight each.
    public func validate() throws(RankingModelError) {
        guard models.count >= 2, models.count == weights.count, Set(models).count == models.count,
              weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
            throw .invalidConfiguration("a blend needs two or more distinct models with one non-negative weight each")
        }
    }

    /// Σ weightᵢ · z(scoresᵢ), every list over the same movies in the same order.
    public func combine(_ scores: [[Float]]) -> [Float] {
        precondition(scores.count == weights.count, "one score list per weight")
        var blended = [Float](repeating: 0, count: scores.first?.count ?? 0)
        for (list, weight) in zip(scores, weights) where weight != 0 {
            precondition(list.count == blended.count, "every list scores the same movies")
            let (mean, deviation) = Self.moments(list)
            let scale = weight / deviation
            for i in list.indices { blended[i] += (list[i] - mean) * scale }
        }
        return blended
    }

    /// Mean and standard deviation (1 when the scores are all equal, so z is 0 everywhere).
    static func moments(_ scores: [Float]) -> (mean: Float, deviation: Float) {
        guard !scores.isEmpty else { return (0, 1) }
        var sum = 0.0, squares = 0.0
        for score in scores { sum += Double(score); squares += Double(score) * Double(score) }
        let mean = sum / Double(scores.count)
        let variance = max(0, squares / Double(scores.count) - mean * mean)
        return (Float(mean), variance > 0 ? Float(variance.squareRoot()) : 1)
    }

    /// `scores` (over `from`) re-indexed over `to`; a movie `from` lacks gets the lowest score.
    public static func aligned(_ scores: [Float], from: IDIndex, to: IDIndex) -> [Float] {
        if from == to { return scores }
        let floor = scores.min() ?? 0
        return to.ids.map { id in from.index(of: id).map { scores[$0] } ?? floor }
    }
}
