/// What one epoch of a ranking model's training measured, handed to the caller as soon as
/// the epoch ends so that the CLI can print progress.
public struct RankingEpochReport: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// The training objective after the epoch, divided by the number of training ratings.
    public var loss: Double
    /// Ranking on the validation ratings; nil for epochs not validated (see
    /// `ImplicitALSConfiguration.validateEvery`) and when training without validation.
    public var validation: RankingValidationScores?
    /// Whether this epoch has the best validation NDCG so far (always true without validation).
    public var isBest: Bool
    public var seconds: Double

    public init(epoch: Int, loss: Double, validation: RankingValidationScores?, isBest: Bool, seconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.validation = validation
        self.isBest = isBest
        self.seconds = seconds
    }
}

/// The result of training a ranking model: the model of the best validated epoch (the last
/// without validation) and the whole history.
public struct RankingTrainingOutcome<Model: Sendable>: Sendable {
    public var model: Model
    /// The epoch whose parameters `model` holds (1-based).
    public var bestEpoch: Int
    public var reports: [RankingEpochReport]

    public init(model: Model, bestEpoch: Int, reports: [RankingEpochReport]) {
        self.model = model
        self.bestEpoch = bestEpoch
        self.reports = reports
    }

    /// Validation scores of the kept epoch, nil without validation.
    public var validation: RankingValidationScores? { reports.first { $0.epoch == bestEpoch }?.validation }
}
