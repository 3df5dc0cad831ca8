import Ratings

/// Everything measured on one train/held-out split.
public struct FoldEvaluation: Sendable {
    public var trainCount: Int
    public var heldOutCount: Int
    /// Users with held-out ratings, and those among them in the cold-start slice.
    public var heldOutUsers: Int
    public var coldStartUsers: Set<Int64>
    /// Held-out ratings of cold-start users.
    public var coldStartHeldOut: Int
    public var median: Float
    public var globalMean: Float
    public var errors: [RatingPredictor: [EvaluationSlice: ErrorMetrics]]
    /// MF as finally trained on the training part.
    public var model: MatrixFactorizationModel
    /// Per-epoch reports of the run that chose the epoch count (the inner split's, or the
    /// held-out one's).
    public var epochReports: [EpochReport]
    /// The epoch count MF was finally trained for.
    public var epochs: Int
    /// MF's clipped predictions against the held-out ratings.
    public var histogram: PredictionHistogram
    /// Training seconds (wall clock) over every MF run of this fold.
    public var trainingSeconds: Double
}
