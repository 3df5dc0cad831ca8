/// Hyper-parameters of EASE (Steck 2019, "Embarrassingly shallow autoencoders for sparse
/// data"), generalised to several input channels and to targets that differ from the inputs.
///
/// Each channel t reads a user's ratings through its own weights, x_t(r), into its own copy
/// of the catalogue, so the inputs are Z = [X_1 … X_c] (users × c·n) and the targets
/// Y (users × n, y(r) for rated movies, 0 elsewhere). B (c·n × n) minimises
///
///     |Y − ZB|² + Σ_f (λ_f + ρ·G_ff)·|B_f·|²   subject to B[t·n + j, j] = 0 for every t, j,
///
/// G = ZᵀZ, λ_f the regularisation of feature f's channel: no copy of movie j may predict j.
/// Closed form (Lagrange multipliers per target column j, S_j = {j, n + j, …}):
/// P = (G + Λ)⁻¹, C = P·ZᵀY, B[:, j] = C[:, j] − P[:, S_j]·P[S_j, S_j]⁻¹·C[S_j, j]. With one
/// channel and Y = X it is Steck's B = I − P·diag(1/P_jj); ρ > 0 is the popularity-scaled
/// penalty of Steck's EDLAE (2020). Finally column j is multiplied by (c_j + 1)^−β, c_j the
/// movie's training ratings, which lowers popular movies' scores a little (the ranking of a
/// user's candidates changes, the model's fit does not). At scoring time a rating's inputs
/// may also be discounted by its age in the history (`recencyDecay`).
///
/// The defaults are the model a NumPy search on MovieLens 100k chose for the random
/// protocol (80/20 splits with seeds 42, 1 and 7; hyper-parameters picked on an inner split
/// of the training part by NDCG@10 with held-out ratings ≥ 4 relevant;
/// Benchmarks/ranking/SEARCH.md): Steck's EASE on the rating values, X = Y = r (one
/// channel, `RatingWeights.stars`), λ = 9000 (in rating² units, about binary EASE's 650),
/// β = 0.2. Held-out NDCG@10 0.384 / 0.389 / 0.397 on the three seeds, against 0.346 /
/// 0.364 / 0.370 for binary EASE with λ tuned the same way, 0.378 / 0.381 / 0.386 for the
/// two-channel model (1[rated], 1[rated ≥ 4] → 1[rated ≥ 4]) and 0.170 for "most rated".
/// For the next-item protocol the same search preferred binary EASE (`.one`), λ = 1500,
/// β = 0.3, recency decay 0.8: NDCG@10 0.087 against binary EASE's 0.042.
public struct EASEConfiguration: Sendable, Equatable, Codable {
    /// One input channel: how a rating enters and how hard its weights are pulled to zero.
    public struct Channel: Sendable, Equatable, Codable {
        public var inputs: RatingWeights
        /// λ of this channel's features.
        public var regularization: Float

        public init(inputs: RatingWeights, regularization: Float) {
            self.inputs = inputs
            self.regularization = regularization
        }
    }

    /// The largest catalogue EASE trains on with one channel: 10,000 movies (with c
    /// channels, 10,000 / c). Its matrices over the F = c·n features take F²·4 bytes each —
    /// the Gram and its inverse, plus F × n for the targets' product unless Y = X with one
    /// channel — and the closed form costs about (7/3)·F³ flops plus 2·F²·n for distinct
    /// targets (a blocked Cholesky, then triangular solves). At the limit, on this machine's 2
    /// cores shared with other work (load 2): one channel, 10,000 movies, 24.3 s and 0.96 GB
    /// peak for the whole `movierec train`; two channels, 5,000 movies, 23.5 s and 1.09 GB
    /// (Benchmarks/scale/RESULTS.md). Twice the features would be 8× the time and 4× the
    /// memory, so beyond the limit training skips EASE, says why, and iALS serves.
    public static let maximumMovies = 10_000

    /// Input channels, at least one.
    public var channels = [Channel(inputs: .stars, regularization: 9000)]
    /// ρ: adds ρ·G_ff (feature f's input weight squared, summed over users) to λ_f.
    public var popularityRegularization: Float = 0
    /// y(r): the target for a rated movie; nil for the first channel's inputs (Y = X_1).
    public var targets: RatingWeights?
    /// β: column j is scaled by (c_j + 1)^−β.
    public var popularityExponent: Float = 0.2
    /// d: when scoring, the k-th newest rating of a history (k = 0 for the newest, by time
    /// then movie id) enters with weight d^k; 1 weighs every rating alike.
    public var recencyDecay: Float = 1

    public init() {}

    /// What the same search preferred for guessing a user's next movie: binary inputs,
    /// λ = 1500, β = 0.3, and a history's k-th newest rating weighted 0.8^k. Training
    /// validates it beside the default and keeps whichever ranks the holdout better.
    public static var nextItem: EASEConfiguration {
        var configuration = EASEConfiguration()
        configuration.channels = [Channel(inputs: .one, regularization: 1500)]
        configuration.popularityExponent = 0.3
        configuration.recencyDecay = 0.8
        return configuration
    }

    /// `maximumMovies` for this configuration's channel count.
    public var movieLimit: Int { Self.maximumMovies / max(channels.count, 1) }

    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw RankingModelError.invalidConfiguration(message) }
        }
        try check(!channels.isEmpty, "EASE needs at least one input channel")
        for (number, channel) in channels.enumerated() {
            try check(channel.regularization > 0 && channel.regularization.isFinite,
                      "EASE regularization must be positive, got \(channel.regularization) for channel \(number + 1)")
            try channel.inputs.validate("EASE inputs of channel \(number + 1)")
        }
        try check(popularityRegularization >= 0 && popularityRegularization.isFinite,
                  "EASE popularity regularization must be ≥ 0, got \(popularityRegularization)")
        try targets?.validate("EASE targets")
        try check(popularityExponent >= 0 && popularityExponent <= 2, "EASE popularity exponent must be in [0, 2], got \(popularityExponent)")
        try check(recencyDecay > 0 && recencyDecay <= 1, "EASE recency decay must be in (0, 1], got \(recencyDecay)")
    }
}
