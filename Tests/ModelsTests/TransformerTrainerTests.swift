import Testing
import Ratings
@testable import Models

/// End to end at a tiny size: data preparation, the training loop, early stopping and the
/// returned model, on synthetic ratings that depend only on the movie (so they can be learnt).
@Suite struct TransformerTrainerTests {
    static func synthetic() -> [Rating] {
        var ratings: [Rating] = []
        for user in 1...24 {
            for step in 0..<20 {
                let movie = Int64((user * 7 + step * 3) % 15 + 1)
                ratings.append(Rating(user: Int64(user), movie: movie, value: Float(movie % 5 + 1), timestamp: Int64(step)))
            }
        }
        return ratings
    }

    static func tinyBase() -> TransformerConfig {
        var base = TransformerNetworkGradientTests.tinyConfig(ratings: true, features: false, layers: 1)
        base.embeddingSize = 8
        base.feedForwardSize = 16
        base.hiddenSizes = [16, 8, 4]
        base.encoderDropout = 0.1
        base.hiddenDropout = 0.2
        return base
    }

    @Test func trainingLowersTheLossAndReturnsTheBestEpoch() throws {
        let prepared = try TransformerDataset(ratings: Self.synthetic(), profiles: [], base: Self.tinyBase())
        #expect(prepared.train.count == 24 * 19 && prepared.validation.count == 24)
        var options = TransformerTrainingOptions()
        options.epochs = 12
        options.batchSize = 64
        options.maxLearningRate = 0.02
        options.patience = 100
        let trainer = try TransformerTrainer(config: prepared.config, options: options)
        var seen: [Int] = []
        let result = try trainer.train(prepared.train, validation: prepared.validation, vocabulary: prepared.vocabulary) {
            seen.append($0.epoch)
        }
        #expect(seen == Array(1...12))
        let first = try #require(result.reports.first)
        let last = try #require(result.reports.last)
        let best = result.reports[result.bestEpoch - 1]
        #expect(result.reports.allSatisfy { $0.validation.mae >= best.validation.mae })
        #expect(last.trainLoss < first.trainLoss * 0.5, "losses \(result.reports.map(\.trainLoss))")
        #expect(best.validation.mae < 0.6, "best validation MAE \(best.validation.mae)")
        #expect(result.model.parameters.count == result.model.table.totalCount)
    }

    @Test func earlyStoppingEndsAfterPatienceEpochsWithoutImprovement() throws {
        let prepared = try TransformerDataset(ratings: Self.synthetic(), profiles: [], base: Self.tinyBase())
        var options = TransformerTrainingOptions()
        options.epochs = 30
        options.batchSize = 64
        options.maxLearningRate = 0.02
        options.patience = 2
        options.threshold = 10 // nothing counts as an improvement after the first epoch
        let trainer = try TransformerTrainer(config: prepared.config, options: options)
        let result = try trainer.train(prepared.train, validation: prepared.validation, vocabulary: prepared.vocabulary)
        #expect(result.reports.count == 3)
    }
}
