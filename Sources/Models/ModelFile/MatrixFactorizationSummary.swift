import Ratings

/// How a stored MF model was trained and how well it validated, kept beside its tensors.
public struct MatrixFactorizationSummary: Sendable, Equatable {
    public var configuration: MatrixFactorizationConfiguration
    /// The epoch whose parameters were kept (the best on validation, or the last).
    public var bestEpoch: Int
    /// How validation ratings were held out: `last-1`, `random-0.8-seed-42`, or `none`.
    public var holdout: String
    /// Scores of the kept epoch on the held-out ratings; nil when trained on everything.
    public var validation: ValidationScores?

    public init(configuration: MatrixFactorizationConfiguration, bestEpoch: Int, holdout: String,
                validation: ValidationScores?) {
        self.configuration = configuration
        self.bestEpoch = bestEpoch
        self.holdout = holdout
        self.validation = validation
    }
}

/// Validation error figures as plain numbers (what the metadata stores and the API reports).
public struct ValidationScores: Sendable, Equatable {
    public var count: Int
    public var mae: Double
    public var mse: Double
    public var rmse: Double

    public init(count: Int, mae: Double, mse: Double, rmse: Double) {
        self.count = count
        self.mae = mae
        self.mse = mse
        self.rmse = rmse
    }

    public init(_ metrics: ErrorMetrics) {
        self.init(count: metrics.count, mae: metrics.mae, mse: metrics.mse, rmse: metrics.rmse)
    }
}
