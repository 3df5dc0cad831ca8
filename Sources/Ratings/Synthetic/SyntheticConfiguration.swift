/// The shape of a synthetic rating set: sizes, skew, and the planted model
/// r = clamp(round½(μ + b_u + b_i + p_u·q_i + ε), 0.5, 5) with p_u, q_i ~ N(0, σ_f²)^k,
/// b_u ~ N(0, σ_u²), b_i ~ N(0, σ_i²), ε ~ N(0, σ_ε²).
///
/// The defaults resemble MovieLens 25M (162k users, 59k movies): movie popularity falls
/// as rank^−1 (Zipf), user activity as rank^−0.5, which caps the busiest user near 30k
/// ratings at 25M like the real set, and every user has at least 20 ratings. The planted
/// structure is what makes accuracy checkable: no model can beat the noise floor
/// (σ_ε plus half-star rounding), and anything learning nothing stays at the global mean.
public struct SyntheticConfiguration: Sendable, Equatable {
    public var ratings: Int
    public var users: Int
    public var movies: Int
    /// Same seed and sizes, same files, byte for byte.
    public var seed: UInt64 = 1
    /// MovieLens' own floor. Lowered to half the mean when the set is too small for it
    /// (1M ratings over 160k users): see `effectiveMinimumPerUser`.
    public var minimumPerUser: Int = 20
    /// Zipf exponent of movie popularity: weight of the movie of rank r is (r + 1)^−s.
    public var popularityExponent: Double = 1.0
    /// Exponent of user activity above the minimum, as for movies.
    public var activityExponent: Double = 0.5
    /// Rank k of the planted factors.
    public var factors: Int = 8
    public var factorDeviation: Double = 0.4
    public var globalMean: Double = 3.5
    public var userBiasDeviation: Double = 0.35
    public var movieBiasDeviation: Double = 0.45
    /// σ_ε, the part of every rating no model can learn.
    public var noiseDeviation: Double = 0.5
    /// Ratings fall between these times (seconds since 1970): 2000-01-01 to 2023-01-01.
    public var firstTimestamp: Int64 = 946_684_800
    public var lastTimestamp: Int64 = 1_672_531_200

    public init(ratings: Int, users: Int, movies: Int, seed: UInt64 = 1) {
        self.ratings = ratings
        self.users = users
        self.movies = movies
        self.seed = seed
    }

    /// The floor actually applied: `minimumPerUser`, or half the mean ratings per user
    /// (at least 1) when that is smaller.
    public var effectiveMinimumPerUser: Int {
        min(minimumPerUser, max(1, ratings / max(1, 2 * users)))
    }

    /// Checks sizes and parameters so that a bad flag fails before any work.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw SyntheticError.invalidConfiguration(message) }
        }
        try check(users >= 1 && users <= Int(Int32.max), "users must be between 1 and \(Int32.max), got \(users)")
        try check(movies >= 1 && movies <= Int(Int32.max), "movies must be between 1 and \(Int32.max), got \(movies)")
        try check(minimumPerUser >= 1, "the minimum per user must be at least 1, got \(minimumPerUser)")
        try check(ratings >= users, "\(ratings) ratings cannot give each of \(users) users one")
        let (product, overflow) = users.multipliedReportingOverflow(by: movies)
        try check(overflow || ratings <= product, "\(ratings) ratings exceed \(users) users × \(movies) movies")
        try check(effectiveMinimumPerUser <= movies, "the minimum per user exceeds the \(movies) movies")
        for (name, value) in [("popularity exponent", popularityExponent), ("activity exponent", activityExponent),
                              ("factor deviation", factorDeviation), ("user bias deviation", userBiasDeviation),
                              ("movie bias deviation", movieBiasDeviation), ("noise deviation", noiseDeviation)] {
            try check(value.isFinite && value >= 0, "\(name) must be finite and ≥ 0, got \(value)")
        }
        try check(globalMean.isFinite, "the global mean must be finite")
        try check(factors >= 1, "factors must be at least 1, got \(factors)")
        try check(firstTimestamp < lastTimestamp, "the first timestamp must precede the last")
    }
}
