import Foundation
import Models
import Ratings
import Testing

@Suite struct TrainingPipelineTests {
    private func ratings() -> [Rating] {
        var result: [Rating] = []
        for user in 1...12 {
            for movie in 1...8 where (user + movie) % 3 != 0 {
                let value = Float((user * movie) % 9 + 1) / 2
                result.append(Rating(user: Int64(user), movie: Int64(movie), value: value, timestamp: Int64(user * 100 + movie)))
            }
        }
        return result
    }

    @Test func holdoutsParseAndNameThemselves() {
        #expect(TrainingHoldout("last-2") == .last(2))
        #expect(TrainingHoldout("none") == TrainingHoldout.none)
        #expect(TrainingHoldout("random", trainFraction: 0.9, seed: 7) == .random(trainFraction: 0.9, seed: 7))
        #expect(TrainingHoldout.random(trainFraction: 0.9, seed: 7).name == "random-0.9-seed-7")
        for bad in ["last-0", "last-", "first-1", ""] { #expect(TrainingHoldout(bad) == nil, "\(bad)") }
    }

    @Test func aRunProducesAFileWithItsSummaryFingerprintAndSequence() throws {
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = 3
        configuration.epochs = 4
        var splitSizes: (Int, Int)?
        var result = try TrainingPipeline(configuration: configuration, holdout: .last(1))
            .run(ratings(), fingerprint: TrainingFingerprint(ratings: 64, maxTimestamp: 1208),
                 onSplit: { splitSizes = ($0, $1) })
        #expect(splitSizes?.1 == 12, "one validation rating per user")
        #expect(splitSizes.map { $0.0 + $0.1 } == ratings().count)
        result.file.storeSequence = 42
        let reread = try ModelFile(data: try result.file.container.serialized())
        #expect(try reread.training == TrainingFingerprint(ratings: 64, maxTimestamp: 1208))
        #expect(reread.storeSequence == 42)
        let summary = try #require(try reread.matrixFactorizationSummary())
        #expect(summary.holdout == "last-1")
        #expect(summary.validation?.count == 12)
        #expect(summary == result.summary)
        #expect(try reread.matrixFactorization() == result.outcome.model)
    }
}
