import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

@Suite struct EvaluationTests {
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
        #expect(result.coldStartUsers.count == 5)
        #expect(result.coldStartHeldOut == 5)
        #expect((1...5).contains(result.epochs))
        #expect(!result.epochReports.isEmpty)
        for predictor in RatingPredictor.allCases {
            #expect(result.errors[predictor]?[.all]?.count == 40)
            #expect(result.errors[predictor]?[.coldStart]?.count == 5)
        }
        let rmse = result.errors[.matrixFactorization]?[.all]?.rmse ?? .nan
        #expect(rmse.isFinite)
    }
}
