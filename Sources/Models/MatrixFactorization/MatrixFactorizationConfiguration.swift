/// Hyper-parameters of biased matrix factorization,
/// rating ≈ μ + b_u + b_i + p_u·q_i, with defaults chosen by measurement on MovieLens 100k
/// (random 80/20 and leave-last-1-out splits, beside scripts/compare_surprise.py). Every field has
/// a default so that callers name only what they change.
///
/// The defaults (SGD, 100 factors, step 0.07 decaying ×0.85 per epoch, λ = 0.08, λ_b = 0.05,
/// init σ = 0.05, early stopping after 3 epochs without progress) reached validation RMSE
/// 0.905–0.906 on the random 80/20 split of ML-100k (Surprise's SVD: 0.924) and 1.018–1.024
/// on leave-last-1-out (Surprise: 1.032), stopping after about 15 epochs.
public struct MatrixFactorizationConfiguration: Sendable, Equatable, Codable {
    public enum Algorithm: String, Sendable, Codable, CaseIterable {
        /// Stochastic gradient descent over shuffled ratings, as Funk and Surprise's SVD.
        case sgd
        /// Alternating regularised least squares with biases; users and movies are
        /// solved in parallel, which does not change the result.
        case als
    }

    public var algorithm: Algorithm = .sgd
    /// Length of p_u and q_i.
    public var factors: Int = 100
    /// Upper bound on sweeps; early stopping may end sooner when validating.
    public var epochs: Int = 60
    /// SGD step size for the first epoch.
    public var learningRate: Float = 0.07
    /// SGD step size is multiplied by this after every epoch.
    public var learningRateDecay: Float = 0.85
    /// L2 weight on p_u and q_i.
    public var regularization: Float = 0.08
    /// L2 weight on b_u and b_i.
    public var biasRegularization: Float = 0.05
    /// Standard deviation of the Gaussian the factors start from; near zero, never PyTorch's ±1.
    public var initStandardDeviation: Float = 0.05
    /// Seed of every random draw (initial factors, SGD order): same seed, same model.
    public var seed: UInt64 = 42
    /// Epochs without a better validation RMSE before training stops (the best epoch is kept).
    public var patience: Int = 3
    /// ALS only: scale each user's and movie's regulariser by its rating count (ALS-WR).
    public var scaleRegularizationByCount: Bool = true
    /// Worker threads. ALS solves users (then movies) on them and gives the same bits for any
    /// count; SGD runs stratified rounds whose result depends on the count (and on nothing
    /// else), so a model is reproduced with the same seed and the same thread count.
    public var threads: Int = 1

    public init() {}

    /// Checks ranges so that a bad flag fails before any work.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw MatrixFactorizationError.invalidConfiguration(message) }
        }
        try check(factors >= 1, "factors must be at least 1, got \(factors)")
        try check(epochs >= 1, "epochs must be at least 1, got \(epochs)")
        try check(learningRate > 0 && learningRate.isFinite, "learning rate must be positive, got \(learningRate)")
        try check(learningRateDecay > 0 && learningRateDecay <= 1, "learning-rate decay must be in (0, 1], got \(learningRateDecay)")
        try check(regularization >= 0 && regularization.isFinite, "regularization must be ≥ 0, got \(regularization)")
        try check(biasRegularization >= 0 && biasRegularization.isFinite, "bias regularization must be ≥ 0, got \(biasRegularization)")
        try check(initStandardDeviation >= 0 && initStandardDeviation.isFinite, "init std must be ≥ 0, got \(initStandardDeviation)")
        try check(patience >= 1, "patience must be at least 1, got \(patience)")
        try check(threads >= 1, "threads must be at least 1, got \(threads)")
        if algorithm == .als {
            try check(regularization > 0 && biasRegularization > 0, "ALS needs positive regularization to stay solvable")
        }
    }
}
