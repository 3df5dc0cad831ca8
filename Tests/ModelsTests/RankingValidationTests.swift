import Foundation
import Ratings
import Testing
@testable import Models

/// Four movies scored [0.9, 0.5, 0.7, 0.8] for everyone. User 1 trained on 10 and must
/// find 30: ranked 40, 30, 20, so a hit at position 1, NDCG 1/log2(3). User 2 trained on
/// 10 and 20, also finds 30 at position 1. User 3 has no training history and finds 10 at
/// position 0 (NDCG 1). Movie 99 is unknown to the model and movie 10 of user 1 is a
/// training movie: neither can be relevant.
@Suite struct RankingValidationTests {
    let training = [Rating(user: 1, movie: 10, value: 4, timestamp: 0), Rating(user: 2, movie: 10, value: 5, timestamp: 0),
                    Rating(user: 2, movie: 20, value: 1, timestamp: 0), Rating(user: 4, movie: 40, value: 3, timestamp: 0)]
    let validation = [Rating(user: 1, movie: 30, value: 5, timestamp: 1), Rating(user: 1, movie: 99, value: 5, timestamp: 1),
                      Rating(user: 1, movie: 10, value: 5, timestamp: 1), Rating(user: 2, movie: 30, value: 2, timestamp: 1),
                      Rating(user: 3, movie: 10, value: 4, timestamp: 1)]
    let movies = IDIndex([10, 20, 30, 40])
    let fixed: [Float] = [0.9, 0.5, 0.7, 0.8]

    @Test func averagesHandComputedHitRateAndNDCG() {
        var histories: [[Int64]] = []
        let scores = RankingValidation(training: training, validation: validation, holdout: "last-1")
            .measure(movies: movies) { history in
                histories.append(history.map(\.movie))
                return fixed
            }
        #expect(histories == [[10], [10, 20], []], "each user's training history, users in id order")
        #expect(scores.users == 3)
        #expect(scores.hitRate == 1)
        #expect(abs(scores.ndcg - (2 / log2(3.0) + 1) / 3) < 1e-12)
        #expect(scores.holdout == "last-1" && scores.k == 10)
    }

    @Test func theCutOffTheRelevanceThresholdAndTheSampleApply() {
        let atOne = RankingValidation(training: training, validation: validation, k: 1).measure(movies: movies) { _ in fixed }
        #expect(atOne.users == 3 && abs(atOne.hitRate - 1.0 / 3) < 1e-12 && abs(atOne.ndcg - 1.0 / 3) < 1e-12)
        let good = RankingValidation(training: training, validation: validation, minimumRelevantRating: 4)
            .measure(movies: movies) { _ in fixed }
        #expect(good.users == 2, "user 2's only held-out rating is a 2")
        let sampled = RankingValidation(training: training, validation: validation, maximumUsers: 2)
        var seen = 0
        _ = sampled.measure(movies: movies) { _ in seen += 1; return fixed }
        #expect(seen == 2)
    }

    @Test func variantsScoredInOnePassMeasureAsIfMeasuredApart() {
        // The second variant puts 30 last: user 1 then misses it within k = 2.
        let reversed: [Float] = [0.9, 0.5, 0.1, 0.8]
        var calls = 0
        let both = RankingValidation(training: training, validation: validation, k: 2)
            .measure(movies: movies, variants: 2) { _ in calls += 1; return [fixed, reversed] }
        #expect(calls == 3, "each user scored once for both variants")
        let apart = [fixed, reversed].map { list in
            RankingValidation(training: training, validation: validation, k: 2).measure(movies: movies) { _ in list }
        }
        #expect(both == apart)
        #expect(both[0].ndcg != both[1].ndcg)
    }

    @Test func mostRatedRanksByTrainingCount() {
        // Counts: 10 → 2, 20 → 1, 40 → 1 (30 unrated, so not among the training movies).
        let validation = RankingValidation(training: training, validation: validation)
        #expect(validation.trainingMovies.ids == [10, 20, 40])
        let floor = validation.mostRated(movies: movies)
        // User 1: 20, 40, 30 → 30 at position 2; user 2: 40, 30 → position 1; user 3: 10 first.
        #expect(abs(floor.ndcg - (1 / log2(4.0) + 1 / log2(3.0) + 1) / 3) < 1e-12)
    }
}
