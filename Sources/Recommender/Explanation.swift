/// One of the user's own ratings that weighed for a recommended (or predicted) movie:
/// "because you rated Star Wars 5".
public struct Reason: Sendable, Equatable {
    public var movie: Int64
    public var rating: Float
    /// How strongly the explaining model ties `movie` to the explained one: EASE's
    /// item–item weight (what having rated it adds to the score, per unit of input), or the
    /// cosine of the two movies' item vectors; larger weighs more.
    public var weight: Float

    public init(movie: Int64, rating: Float, weight: Float) {
        self.movie = movie
        self.rating = rating
        self.weight = weight
    }
}

/// Why each movie of an answer was given: the user's rated movies that contributed most,
/// and which model's item representation measured it.
public struct Explanation: Sendable, Equatable {
    /// Nil when no model of the answer can compare movies (the most-rated list).
    public var model: ModelKind?
    /// One list per explained movie, in the order asked, strongest reason first.
    public var reasons: [[Reason]]
}
