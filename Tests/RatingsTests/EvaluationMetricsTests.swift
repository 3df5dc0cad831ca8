import Foundation
import Testing
@testable import Ratings

@Suite struct EvaluationMetricsTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func scoresAListWithTwoHitsByHand() throws {
        // Hits at 0-based positions 1 and 4; |R| = 3, k = 5.
        let scores = try #require(UserRankingScores(ranked: [1, 2, 3, 4, 5], relevant: [2, 5, 9], k: 5))
        #expect(scores.hit == 1)
        #expect(close(scores.recall, 2.0 / 3))
        let dcg = 1 / log2(3.0) + 1 / log2(6.0)
        let ideal = 1 + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(close(scores.ndcg, dcg / ideal))
        #expect(close(scores.averagePrecision, (1.0 / 2 + 2.0 / 5) / 3))
    }

    @Test func onlyTheFirstKEntriesCount() throws {
        let scores = try #require(UserRankingScores(ranked: [1, 2, 3], relevant: [3], k: 2))
        #expect(scores == UserRankingScores(ranked: [7, 8], relevant: [3], k: 2))
        #expect(scores.hit == 0 && scores.recall == 0 && scores.ndcg == 0 && scores.averagePrecision == 0)
    }

    @Test func moreRelevantThanKCapsTheIdealButNotRecall() throws {
        let scores = try #require(UserRankingScores(ranked: [1, 2], relevant: [1, 2, 3, 4], k: 2))
        #expect(scores.recall == 0.5)
        #expect(close(scores.ndcg, 1))
        #expect(close(scores.averagePrecision, 1))
    }

    @Test func aSingleRelevantMovieAtRankThree() throws {
        let scores = try #require(UserRankingScores(ranked: [4, 5, 6], relevant: [6], k: 10))
        #expect(scores.hit == 1 && scores.recall == 1)
        #expect(close(scores.ndcg, 1 / log2(4.0)))
        #expect(close(scores.averagePrecision, 1.0 / 3))
    }

    @Test func usersWithoutRelevantMoviesAreCountedButNotAveraged() {
        #expect(UserRankingScores(ranked: [1, 2], relevant: [], k: 2) == nil)
        var metrics = RankingMetrics()
        metrics.add(ranked: [1, 2], relevant: [1], k: 2)
        metrics.add(ranked: [1, 2], relevant: [], k: 2)
        metrics.add(ranked: [3, 4], relevant: [9], k: 2)
        #expect(metrics.users == 2)
        #expect(metrics.usersWithoutRelevant == 1)
        #expect(metrics.hitRate == 0.5)
        #expect(metrics.recall == 0.5)
        #expect(metrics.ndcg == 0.5)
        #expect(metrics.meanAveragePrecision == 0.5)
        #expect(RankingMetrics().hitRate.isNaN)
    }

    @Test func biasBaselineUsesDampedMeans() {
        let ratings = [
            Rating(user: 1, movie: 10, value: 5, timestamp: 0),
            Rating(user: 1, movie: 20, value: 3, timestamp: 0),
            Rating(user: 2, movie: 10, value: 4, timestamp: 0),
        ]
        let baseline = BiasBaseline(ratings, damping: 1)
        #expect(baseline.globalMean == 4)
        // b_10 = (1 + 0) / (2 + 1), b_20 = -1 / (1 + 1).
        #expect(close(baseline.movieBias[10] ?? .nan, 1.0 / 3))
        #expect(close(baseline.movieBias[20] ?? .nan, -0.5))
        // b_1 = ((5 − 4 − 1/3) + (3 − 4 + 1/2)) / (2 + 1) = (1/6) / 3.
        #expect(close(baseline.userBias[1] ?? .nan, 1.0 / 18))
        #expect(abs(Double(baseline.predict(user: 1, movie: 20)) - (4 + 1.0 / 18 - 0.5)) < 1e-6)
        // Unknown ids get zero bias; predictions are clipped to the training range [3, 5].
        #expect(baseline.predict(user: 99, movie: 99) == 4)
        #expect(BiasBaseline(ratings, damping: 0).predict(user: 1, movie: 10) <= 5)
    }

    @Test func summaryGivesMeanAndSampleDeviation() {
        let summary = MetricSummary([1, 2, 3, 4])
        #expect(summary.mean == 2.5)
        #expect(close(summary.standardDeviation, (5.0 / 3).squareRoot()))
        #expect(MetricSummary([0.9]).standardDeviation == 0)
    }

    @Test func histogramCountsHalfStarBins() {
        var histogram = PredictionHistogram()
        histogram.add(predicted: 3.74, actual: 4)
        histogram.add(predicted: 3.76, actual: 4)
        histogram.add(predicted: 1.2, actual: 1)
        var other = PredictionHistogram()
        other.add(predicted: 3.6, actual: 4)
        histogram.merge(other)
        #expect(histogram.count(actual: 4, predicted: 3.5) == 2)
        #expect(histogram.count(actual: 4, predicted: 4) == 1)
        #expect(histogram.actualValues == [1, 4])
        #expect(histogram.predictedValues == [1, 3.5, 4])
    }
}
