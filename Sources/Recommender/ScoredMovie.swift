/// One movie of a list, with the score that placed it.
public struct ScoredMovie: Sendable, Equatable {
    public var movie: Int64
    public var score: Float
    /// The model has not learned this movie: its score stands in for it (see `ColdMovie`).
    public var coldStart: Bool

    public init(movie: Int64, score: Float, coldStart: Bool = false) {
        self.movie = movie
        self.score = score
        self.coldStart = coldStart
    }
}

/// A predicted rating and where it came from.
public struct Prediction: Sendable, Equatable {
    public var rating: Float
    public var provenance: Provenance
}

/// A top-k list and where it came from.
public struct Recommendations: Sendable, Equatable {
    public var items: [ScoredMovie]
    public var provenance: Provenance
}
