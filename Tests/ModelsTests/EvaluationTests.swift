import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

@Suite struct EvaluationTests {
    /// One factor; user 1's scores are 4, 3, 2, 1 for movies 10, 20, 30, 40 (μ and biases 0).
    private func model() -> MatrixFactorizationModel {
        MatrixFactorizationModel(
            users: IDIndex([1, 2]), movies: IDIndex([10, 20, 30, 40]), globalMean: 0,
            userBias: [0, 0], itemBias: [0.4, 0.3, 0.2, 0.1],
            userFactors: Matrix(rows: 2, columns: 1, storage: [1, -1]),
            itemFactors: Matrix(rows: 4, columns: 1, storage: [3.6, 2.7, 1.8, 0.9]),
            minimumRating: 1, maximumRating: 5)
    }

    private func rating(_ user: Int64, _ movie: Int64, _ value: Float) -> Rating {
        Rating(user: user, movie: movie, value: value, timestamp: 0)
    }

    @Test func aTrainingMovieScoredHighestIsNeitherRankedNorRelevant() {
        let model = model()
        let training = [rating(1, 10, 5)]
        // Movie 10 also appears held out (a re-rating): it must not count as relevant or as a hit.
        let heldOut = [rating(1, 10, 5), rating(1, 20, 5), rating(1, 40, 2)]
        let result = RankingEvaluation(model: model, history: TrainingHistory(training, model: model),
                                       k: 1, relevanceThreshold: 4)
            .measure(heldOut, coldUsers: [])
        let mf = result[.matrixFactorization]?[.all]
        #expect(mf?.users == 1)
        #expect(mf?.hitRate == 1)
        #expect(mf?.recall == 1)
        #expect(mf?.ndcg == 1)
        #expect(mf?.meanAveragePrecision == 1)
    }

    @Test func mfAndPopularityRankDifferently() {
        let model = model()
        // User 2's MF scores are 0.4 − 3.6, …: movie 40 is first; popularity puts movie 10 first.
        let heldOut = [rating(2, 40, 5), rating(1, 30, 2)]
        let result = RankingEvaluation(model: model, history: TrainingHistory([rating(2, 30, 1)], model: model),
                                       k: 1, relevanceThreshold: 4)
            .measure(heldOut, coldUsers: [2])
        #expect(result[.matrixFactorization]?[.all]?.hitRate == 1)
        #expect(result[.popularity]?[.all]?.hitRate == 0)
        // User 1 has no relevant held-out movie: counted apart, not averaged.
        #expect(result[.matrixFactorization]?[.all]?.usersWithoutRelevant == 1)
        #expect(result[.matrixFactorization]?[.coldStart]?.users == 1)
        #expect(result[.popularity]?[.coldStart]?.usersWithoutRelevant == 0)
    }

    @Test func mostRatedRanksByTrainingCount() {
        let model = model()
        // Movie 40 has two training ratings, movie 30 one (users 3 and 4 are unknown to the model).
        let training = [rating(3, 40, 1), rating(4, 40, 1), rating(3, 30, 1)]
        let result = RankingEvaluation(model: model, history: TrainingHistory(training, model: model),
                                       k: 2, relevanceThreshold: 4)
            .measure([rating(1, 30, 5)], coldUsers: [])
        let mostRated = result[.mostRated]?[.all]
        #expect(mostRated?.hitRate == 1)
        #expect(abs((mostRated?.ndcg ?? 0) - 1 / log2(3.0)) < 1e-12)
        #expect(mostRated?.meanAveragePrecision == 0.5)
        // MF ranks movies 10 and 20 first for user 1: no hit.
        #expect(result[.matrixFactorization]?[.all]?.hitRate == 0)
    }

    @Test func evaluatorMeasuresEveryPredictorAndSlice() throws {
        var ratings: [Rating] = []
        for user in 0..<40 {
            let count = user < 5 ? 4 : 10
            for movie in 0..<count {
                let value = Float(1 + (user * 3 + movie * 7) % 5)
                ratings.append(Rating(user: Int64(user), movie: Int64((user + movie * 3) % 30), value: value,
                                      timestamp: Int64(movie)))
            }
        }
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = 4
        configuration.epochs = 5
        var options = EvaluationOptions()
        options.coldStartThreshold = 5
        let split = Split.leaveLastOut(ratings, n: 1)
        let result = try Evaluator(configuration: configuration, options: options)
            .evaluate(split, tuning: Split.leaveLastOut(split.train, n: 1))
        #expect(result.trainCount == ratings.count - 40)
        #expect(result.heldOutCount == 40)
        #expect(result.coldStartUsers == 5)
        #expect(result.coldStartHeldOut == 5)
        #expect((1...5).contains(result.epochs))
        #expect(!result.epochReports.isEmpty)
        for predictor in RatingPredictor.allCases {
            #expect(result.errors[predictor]?[.all]?.count == 40)
            #expect(result.errors[predictor]?[.coldStart]?.count == 5)
        }
        #expect((result.errors[.matrixFactorization]?[.all]?.rmse ?? .nan).isFinite)
        let ranked = result.ranking[.matrixFactorization]?[.all]
        #expect((ranked?.users ?? 0) + (ranked?.usersWithoutRelevant ?? 0) == 40)
    }
}
