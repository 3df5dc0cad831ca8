/// The user + movie bias baseline, rating ≈ μ + b_u + b_i, with damped means: each bias is
/// a mean residual shrunk toward zero as if `damping` extra ratings of residual 0 were seen,
/// so that a movie rated once does not get that one rating's full deviation.
///
///   b_i = Σ_{u ∈ R(i)} (r_ui − μ) / (|R(i)| + damping)
///   b_u = Σ_{i ∈ R(u)} (r_ui − μ − b_i) / (|R(u)| + damping)
///
/// Unknown users or movies get a zero bias. Predictions are clipped to the training range,
/// as the MF model's are, so the comparison is fair.
public struct BiasBaseline: Sendable {
    public static let defaultDamping = 10.0

    public let globalMean: Double
    public let damping: Double
    public private(set) var userBias: [Int64: Double] = [:]
    public private(set) var movieBias: [Int64: Double] = [:]
    private let minimum: Float
    private let maximum: Float

    /// Fits on `training`, which must not be empty.
    public init(_ training: [Rating], damping: Double = BiasBaseline.defaultDamping) {
        precondition(!training.isEmpty, "the bias baseline needs training ratings")
        self.damping = damping
        let mean = training.reduce(0.0) { $0 + Double($1.value) } / Double(training.count)
        globalMean = mean
        minimum = training.map(\.value).min() ?? 0
        maximum = training.map(\.value).max() ?? 0
        var movieSums: [Int64: (sum: Double, count: Int)] = [:]
        for rating in training {
            movieSums[rating.movie, default: (0, 0)].sum += Double(rating.value) - mean
            movieSums[rating.movie, default: (0, 0)].count += 1
        }
        for (movie, entry) in movieSums { movieBias[movie] = entry.sum / (Double(entry.count) + damping) }
        var userSums: [Int64: (sum: Double, count: Int)] = [:]
        for rating in training {
            let residual = Double(rating.value) - mean - (movieBias[rating.movie] ?? 0)
            userSums[rating.user, default: (0, 0)].sum += residual
            userSums[rating.user, default: (0, 0)].count += 1
        }
        for (user, entry) in userSums { userBias[user] = entry.sum / (Double(entry.count) + damping) }
    }

    public func predict(user: Int64, movie: Int64) -> Float {
        let raw = Float(globalMean + (userBias[user] ?? 0) + (movieBias[movie] ?? 0))
        return min(max(raw, minimum), maximum)
    }
}
