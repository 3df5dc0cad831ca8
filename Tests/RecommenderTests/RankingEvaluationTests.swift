import Foundation
import Linalg
import Models
import Ratings
import Testing
@testable import Recommender

/// The list metrics against hand-computed cases, through the same recommender the server uses.
@Suite struct RankingEvaluationTests {
    /// One factor; user 1's scores are 4, 3, 2, 1 for movies 10, 20, 30, 40 (μ and biases 0);
    /// user 2's are the reverse order.
    private func recommender(training: [Rating]) -> Recommender {
        let mf = MatrixFactorizationModel(
            users: IDIndex([1, 2]), movies: IDIndex([10, 20, 30, 40]), globalMean: 0,
            userBias: [0, 0], itemBias: [0.4, 0.3, 0.2, 0.1],
            userFactors: Matrix(rows: 2, columns: 1, storage: [1, -1]),
            itemFactors: Matrix(rows: 4, columns: 1, storage: [3.6, 2.7, 1.8, 0.9]),
            minimumRating: 1, maximumRating: 5)
        let counts = training.reduce(into: [Int64: Int]()) { $0[$1.movie, default: 0] += 1 }
        return Recommender(models: RecommenderModels(mf: MatrixFactorizationRecommender(mf),
                                                     mostRated: MostRatedRecommender(ratingCounts: counts)),
                           version: "test")
    }

    private func rating(_ user: Int64, _ movie: Int64, _ value: Float) -> Rating {
        Rating(user: user, movie: movie, value: value, timestamp: 0)
    }

    private func highlyRated(_ rating: Rating) -> Bool { rating.value >= 4 }

    @Test func aTrainingMovieScoredHighestIsNeitherRankedNorRelevant() throws {
        let training = [rating(1, 10, 5), rating(2, 20, 3), rating(2, 30, 3), rating(2, 40, 3)]
        // Movie 10 also appears held out (a re-rating): it must not count as relevant or as a hit.
        let heldOut = [rating(1, 10, 5), rating(1, 20, 5), rating(1, 40, 2)]
        let result = try RankingEvaluation(training: training, heldOut: heldOut, cutoffs: [1], isRelevant: highlyRated)
            .measure(recommender(training: training), kinds: [.matrixFactorization], coldUsers: [])
        let mf = try #require(result[.matrixFactorization]?[.all]?[1])
        #expect(mf.users == 1)
        #expect(mf.hitRate == 1 && mf.recall == 1 && mf.ndcg == 1 && mf.meanAveragePrecision == 1)
    }

    @Test func mostRatedRanksByTrainingCountAndLongerListsScoreApart() throws {
        // Movie 40 has two training ratings, 30 one; user 1 rated 10 and 20.
        let training = [rating(3, 40, 1), rating(4, 40, 1), rating(3, 30, 1), rating(1, 10, 1), rating(1, 20, 1)]
        let result = try RankingEvaluation(training: training, heldOut: [rating(1, 30, 5)], cutoffs: [1, 2],
                                           isRelevant: highlyRated)
            .measure(recommender(training: training), kinds: [.mostRated, .matrixFactorization], coldUsers: [1])
        let atOne = try #require(result[.mostRated]?[.all]?[1])
        let atTwo = try #require(result[.mostRated]?[.all]?[2])
        #expect(atOne.hitRate == 0)
        #expect(atTwo.hitRate == 1)
        #expect(abs(atTwo.ndcg - 1 / log2(3.0)) < 1e-12)
        #expect(atTwo.meanAveragePrecision == 0.5)
        // MF puts 30 first among user 1's unrated movies (30 scores 2, 40 scores 1).
        #expect(result[.matrixFactorization]?[.coldStart]?[1]?.hitRate == 1)
    }

    @Test func usersWithoutRelevantMoviesAreCountedApartAndUnknownUsersGetTheColdStartList() throws {
        let training = [rating(2, 30, 1), rating(5, 10, 4), rating(6, 10, 4)]
        let heldOut = [rating(7, 10, 5), rating(1, 30, 2)]
        let result = try RankingEvaluation(training: training, heldOut: heldOut, cutoffs: [1], isRelevant: highlyRated)
            .measure(recommender(training: training), kinds: [.matrixFactorization], coldUsers: [7])
        // User 7 is unknown to MF: the most-rated list (10 first) is what they get, a hit.
        #expect(result[.matrixFactorization]?[.coldStart]?[1]?.hitRate == 1)
        #expect(result[.matrixFactorization]?[.all]?[1]?.usersWithoutRelevant == 1)
    }
}
