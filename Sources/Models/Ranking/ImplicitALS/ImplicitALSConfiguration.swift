/// Hyper-parameters of implicit-feedback ALS (Hu, Koren and Volinsky 2008) in the form
/// Rendle et al. (2021, "Revisiting the performance of iALS on item recommendation
/// benchmarks") tune it in. With s_ui = x_uᵀy_i, iALS minimises
///
///     Σ_{rated (u,i)} c(r_ui)·(t(r_ui) − s_ui)²  +  α₀·Σ_{all (u,i)} s_ui²
///       + Σ_u λ_u |x_u|²  +  Σ_i λ_i |y_i|²,
///
/// with confidence c(r) = 1 + α·f(r), target t(r), and λ_u = λ·(n_u + α₀·movies)^ν
/// (λ_i likewise with the movie's rating count and the number of users): ν = 0 is plain
/// L2, ν = 1 Rendle's frequency-scaled regularisation. Hu et al.'s weighting (implicit's
/// `AlternatingLeastSquares`: confidence 1 + α·r on rated pairs, 1 on the others) is
/// α₀ = 1 with c − α₀ in place of c and t = c/(c − α₀).
///
/// The defaults are the ones a NumPy search on MovieLens 100k chose (random 80/20 splits
/// with seeds 42, 1 and 7; hyper-parameters picked on an inner split of the training part by
/// NDCG@10 with held-out ratings ≥ 4 relevant; Benchmarks/ranking/SEARCH.md): 64 factors,
/// α₀ = 0.1, ν = 1, λ = 0.05, confidence 1 + 3·1[r ≥ 4], target 1, 10 epochs, initial
/// σ = 0.1/√64. Held-out NDCG@10 0.348 / 0.355 / 0.366 on the three seeds, where
/// implicit's ALS tuned the same way reached 0.334 on seed 42 (and EASE on rating values,
/// `EASEConfiguration`'s default, 0.384). movierec's iALS gives 0.348 on seed 42 too.
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
    /// The search ran 10; validation keeps 7–8 of them on ML-100k (`movierec train`).
    public var epochs: Int = 10
    /// λ.
    public var regularization: Float = 0.05
    /// ν: 0 for plain L2, 1 for regularisation that grows with a row's rating count.
    public var regularizationExponent: Float = 1
    /// α of the confidence 1 + α·f(r).
    public var alpha: Float = 3
    /// f: how the rating value weights confidence; by default a rating of 4 or more counts
    /// 1 + α = 4 times as much as a lower one.
    public var confidence: RatingWeights = .atLeast(4)
    /// t: what a rated pair's score is pulled towards.
    public var targets: RatingWeights = .one
    /// α₀: the weight of every pair's squared score, rated or not (Rendle's unobserved weight).
    public var unobservedWeight: Float = 0.1
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
        // c ≥ 0 for every rating keeps each row's system positive definite.
        try check(1 + alpha * confidence.smallestValue >= 0, "confidence 1 + α·f(r) must be ≥ 0 for every rating")
        try check(initialScale >= 0 && initialScale.isFinite, "initial scale must be ≥ 0, got \(initialScale)")
        try check(conjugateGradientSteps >= 1, "conjugate-gradient steps must be at least 1, got \(conjugateGradientSteps)")
        try check(threads >= 1, "threads must be at least 1, got \(threads)")
        try check(patience >= 1, "patience must be at least 1, got \(patience)")
        try check(validateEvery >= 1, "validate-every must be at least 1, got \(validateEvery)")
    }
}
