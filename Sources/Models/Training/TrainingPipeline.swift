import Foundation
import Ratings

/// Ratings in, model file out: split, train MF, record the summary and the data
/// fingerprint. The one code path behind `movierec train` and the server's background
/// retraining, so a model retrained under traffic is built exactly like one trained
/// offline with the same options.
public struct TrainingPipeline: Sendable {
    public var configuration: MatrixFactorizationConfiguration
    public var holdout: TrainingHoldout

    public init(configuration: MatrixFactorizationConfiguration = .init(), holdout: TrainingHoldout = .last(1)) {
        self.configuration = configuration
        self.holdout = holdout
    }

    /// What one run produced.
    public struct Result: Sendable {
        /// Ready to write; holds the MF tensors, summary and fingerprint.
        public var file: ModelFile
        public var outcome: TrainingOutcome
        public var summary: MatrixFactorizationSummary
        public var trainingCount: Int
        public var validationCount: Int
    }

    /// Trains on `ratings` (the whole snapshot; the holdout is taken from it).
    /// - Parameters:
    ///   - fingerprint: the snapshot's identity, stored in the file.
    ///   - onSplit: called once with the training and validation sizes, before training.
    public func run(_ ratings: [Rating], fingerprint: TrainingFingerprint, createdAt: Date = Date(),
                    onSplit: (_ training: Int, _ validation: Int) -> Void = { _, _ in },
                    onEpoch: (EpochReport) -> Void = { _ in }) throws -> Result {
        let split = holdout.split(ratings)
        onSplit(split.train.count, split.validation.count)
        let outcome = try MatrixFactorizationTrainer(configuration: configuration)
            .train(split.train, validation: split.validation, onEpoch: onEpoch)
        let summary = MatrixFactorizationSummary(configuration: configuration, bestEpoch: outcome.bestEpoch,
                                                 holdout: holdout.name,
                                                 validation: outcome.validation.map(ValidationScores.init))
        var file = ModelFile(training: fingerprint, createdAt: createdAt)
        try file.setMatrixFactorization(outcome.model, summary: summary)
        return Result(file: file, outcome: outcome, summary: summary,
                      trainingCount: split.train.count, validationCount: split.validation.count)
    }
}
