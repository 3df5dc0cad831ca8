import Foundation
import Ratings

/// Ratings in, model file out: split, train MF and the ranking models, record their
/// summaries and the data fingerprint. The one code path behind `movierec train` and the
/// server's background retraining, so a model retrained under traffic is built exactly like
/// one trained offline with the same options.
public struct TrainingPipeline: Sendable {
    public var configuration: MatrixFactorizationConfiguration
    public var holdout: TrainingHoldout
    /// iALS and EASE (both by default), validated on the same holdout as MF and refitted
    /// on every rating.
    public var ranking: RankingTraining
    /// Where the ranking models are validated when it differs from MF's `holdout` (MF
    /// trained on every rating for a known epoch count, the rankers still chosen on a
    /// holdout); nil for MF's.
    public var rankingHoldout: TrainingHoldout?

    public init(configuration: MatrixFactorizationConfiguration = .init(), holdout: TrainingHoldout = .last(1),
                ranking: RankingTraining = .init(), rankingHoldout: TrainingHoldout? = nil) {
        self.configuration = configuration
        self.holdout = holdout
        self.ranking = ranking
        self.rankingHoldout = rankingHoldout
    }

    /// What one run produced.
    public struct Result: Sendable {
        /// Ready to write; holds every model's tensors, summaries and the fingerprint.
        public var file: ModelFile
        public var outcome: TrainingOutcome
        public var summary: MatrixFactorizationSummary
        public var ranking: RankingTraining.Result
        public var trainingCount: Int
        public var validationCount: Int
    }

    /// Trains on `ratings` (the whole snapshot; the holdout is taken from it).
    /// - Parameters:
    ///   - fingerprint: the snapshot's identity, stored in the file.
    ///   - onSplit: called once with the training and validation sizes, before training.
    ///   - onMatrixFactorization: called once MF is trained, before the ranking models.
    public func run(_ ratings: [Rating], fingerprint: TrainingFingerprint, createdAt: Date = Date(),
                    onSplit: (_ training: Int, _ validation: Int) -> Void = { _, _ in },
                    onEpoch: (EpochReport) -> Void = { _ in },
                    onMatrixFactorization: (TrainingOutcome, MatrixFactorizationSummary) -> Void = { _, _ in },
                    onRanking: (RankingTraining.Progress) -> Void = { _ in }) throws -> Result {
        let split = holdout.split(ratings)
        onSplit(split.train.count, split.validation.count)
        let outcome = try MatrixFactorizationTrainer(configuration: configuration)
            .train(split.train, validation: split.validation, onEpoch: onEpoch)
        let summary = MatrixFactorizationSummary(configuration: configuration, bestEpoch: outcome.bestEpoch,
                                                 holdout: holdout.name,
                                                 validation: outcome.validation.map(ValidationScores.init))
        onMatrixFactorization(outcome, summary)
        var file = ModelFile(training: fingerprint, createdAt: createdAt)
        try file.setMatrixFactorization(outcome.model, summary: summary)
        // MF's own ranking figure needs MF fitted without the rankers' validation ratings.
        let rankers = rankingHoldout ?? holdout
        let ranked = try ranking.run(ratings, split: rankingHoldout.map { $0.split(ratings) } ?? split, holdout: rankers.name,
                                     minimumRelevantRating: rankers.minimumRelevantRating,
                                     matrixFactorization: rankingHoldout == nil ? outcome.model : nil,
                                     into: &file, progress: onRanking)
        return Result(file: file, outcome: outcome, summary: summary, ranking: ranked,
                      trainingCount: split.train.count, validationCount: split.validation.count)
    }
}
