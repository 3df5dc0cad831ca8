/// Hyper-parameters of implicit-feedback ALS (Hu, Koren and Volinsky 2008), in the form
/// Rendle et al. (2021, "Revisiting the performance of iALS on item recommendation
/// benchmarks") tune. With s_ui = x_uᵀy_i, iALS minimises
///
///     Σ_{rated (u,i)} c(r_ui)·(t(r_ui) − s_ui)²  +  α₀·Σ_{unrated (u,i)} s_ui²
///       + Σ_u λ_u |x_u|²  +  Σ_i λ_i |y_i|²,
///
/// with confidence c(r) = 1 + α·f(r), target t(r), and λ_u = λ·(n_u + α₀·movies)^ν
/// (λ_i likewise with the movie's rating count and the number of users): ν = 0 is plain
/// L2, ν = 1 Rendle's frequency-scaled regularisation. f = 1, t = 1, α₀ = 1 is the
/// original iALS (implicit's `AlternatingLeastSquares`); Rendle's form Σ_rated w(y − s)² +
/// α₀Σ_all s² is c = w + α₀ and t = w·y/(w + α₀).
///
/// Every field has a default, so that callers name only what they change.
public struct ImplicitALSConfiguration: Sendable, Equatable, Codable {
    /// How each row's least-squares problem is solved (see `ImplicitRowSolver`).
    public enum Solver: String, Sendable, Codable, CaseIterable {
        /// Factor the k × k normal equations: exact, O(n k² + k³) per row.
        case cholesky
        /// `conjugateGradientSteps` CG steps warm-started from the previous epoch's row,
        /// O(n k + k²) per step: what makes an epoch over 25M ratings fit in seconds.
        case conjugateGradient = "cg"
    }

    /// Length of x_u and y_i.
    public var factors: Int = 64
    /// Upper bound on epochs (a user step then a movie step); early stopping may end sooner.
    public var epochs: Int = 20
    /// λ.
    public var regularization: Float = 10
    /// ν: 0 for plain L2, 1 for regularisation that grows with a row's rating count.
    public var regularizationExponent: Float = 0
    /// α of the confidence 1 + α·f(r).
    public var alpha: Float = 1
    /// f: how the rating value weights confidence.
    public var confidence: RatingWeights = .one
    /// t: what a rated pair's score is pulled towards.
    public var targets: RatingWeights = .one
    /// α₀: the weight of every unrated pair's squared score.
    public var unobservedWeight: Float = 1
    /// Initial factors are Gaussian with standard deviation initialScale / √factors.
    public var initialScale: Float = 0.1
    public var solver: Solver = .conjugateGradient
    public var conjugateGradientSteps: Int = 3
    /// Seed of the initial factors: same seed, same model.
    public var seed: UInt64 = 42
    /// Worker threads; rows are solved on them independently, so the result has the same
    /// bits for any count.
    public var threads: Int = 1
    /// Validated epochs without a better NDCG@10 before training stops (the best is kept).
    public var patience: Int = 3
    /// Validate every this many epochs (and after the last): validation scores the whole
    /// catalogue once per validated user, which on large data can cost more than an epoch
    /// (`RankingValidation.maximumUsers` is the other lever).
    public var validateEvery: Int = 1

    public init() {}

    /// Checks ranges so that a bad flag fails before any work.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw RankingModelError.invalidConfiguration(message) }
        }
        try check(factors >= 1, "factors must be at least 1, got \(factors)")
        try check(epochs >= 1, "epochs must be at least 1, got \(epochs)")
        try check(regularization > 0 && regularization.isFinite, "regularization must be positive, got \(regularization)")
        try check(regularizationExponent >= 0 && regularizationExponent <= 2,
                  "regularization exponent must be in [0, 2], got \(regularizationExponent)")
        try check(alpha >= 0 && alpha.isFinite, "alpha must be ≥ 0, got \(alpha)")
        try confidence.validate("confidence")
        try targets.validate("targets")
        try check(unobservedWeight > 0 && unobservedWeight.isFinite, "unobserved weight must be positive, got \(unobservedWeight)")
        // c − α₀ ≥ 0 for every rating keeps each row's system positive definite.
        try check(1 + alpha * confidence.smallestValue >= unobservedWeight,
                  "confidence 1 + α·f(r) must be at least the unobserved weight \(unobservedWeight) for every rating")
        try check(initialScale >= 0 && initialScale.isFinite, "initial scale must be ≥ 0, got \(initialScale)")
        try check(conjugateGradientSteps >= 1, "conjugate-gradient steps must be at least 1, got \(conjugateGradientSteps)")
        try check(threads >= 1, "threads must be at least 1, got \(threads)")
        try check(patience >= 1, "patience must be at least 1, got \(patience)")
        try check(validateEvery >= 1, "validate-every must be at least 1, got \(validateEvery)")
    }
}
