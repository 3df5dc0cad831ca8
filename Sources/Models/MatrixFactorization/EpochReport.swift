import Ratings

/// What one training epoch measured, handed to the caller's callback as soon as the
/// epoch ends so that the CLI can print progress.
public struct EpochReport: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean squared error on the training ratings (for SGD, of the predictions made
    /// before each step of the sweep; for ALS, after the sweep).
    public var trainLoss: Double
    /// Clipped predictions on the validation ratings; nil when training without validation.
    public var validation: ErrorMetrics?
    /// Predicting the training median for every validation rating: the floor to beat.
    public var baseline: ErrorMetrics?
    /// Whether this epoch has the lowest validation RMSE so far (always true without validation).
    public var isBest: Bool
    public var seconds: Double
}

/// The result of a training run: the model of the best epoch and the whole history.
public struct TrainingOutcome: Sendable {
    public var model: MatrixFactorizationModel
    /// The epoch whose parameters `model` holds (1-based).
    public var bestEpoch: Int
    public var reports: [EpochReport]

    /// Validation metrics of the kept epoch, nil without validation.
    public var validation: ErrorMetrics? { reports.first { $0.epoch == bestEpoch }?.validation }
}
