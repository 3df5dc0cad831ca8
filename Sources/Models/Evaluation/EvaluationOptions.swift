import Ratings

/// What an evaluation measures besides the model: which users form the cold-start slice,
/// the bias baseline's damping, and where MF's epoch count is chosen.
public struct EvaluationOptions: Sendable, Equatable {
    /// Where early stopping looks.
    public enum Tuning: String, Sendable, CaseIterable {
        /// On an inner split of the training part only; MF is then refitted on the whole
        /// training part for the chosen epoch count. The held-out ratings stay unseen.
        case inner
        /// On the held-out ratings themselves, as `movierec train` does: one integer (the
        /// epoch) is chosen on the test data, which makes MF's figures slightly optimistic.
        case heldOut = "held-out"
    }

    /// Users with fewer training ratings than this form the cold-start slice.
    public var coldStartThreshold = 20
    /// See `BiasBaseline`.
    public var biasDamping = BiasBaseline.defaultDamping
    public var tuning = Tuning.inner

    public init() {}
}

/// The parts of a result: every predictor on every held-out rating, and the cold-start slice.
public enum EvaluationSlice: String, Sendable, CaseIterable, Codable {
    case all
    case coldStart = "cold_start"
}

/// The rating predictors compared, in table order.
public enum RatingPredictor: String, Sendable, CaseIterable, Codable {
    /// The median of the training ratings, for every pair.
    case median
    /// The mean of the training ratings, for every pair.
    case globalMean = "global_mean"
    /// `BiasBaseline`: μ + b_u + b_i with damped means.
    case bias
    /// The trained matrix factorization.
    case matrixFactorization = "mf"
}
