/// B left-padded sequences of S slots, flat and row-major: the movie index in each slot
/// (0 = PAD), its star rating index (1–5, 0 at PAD) and the movie that follows it — the
/// training target (0 = no target at that slot).
public struct NextMovieBatch: Sendable, Equatable {
    public var count: Int
    public var movies: [Int32]
    public var ratings: [Int32]
    public var targets: [Int32]

    public init(count: Int, movies: [Int32], ratings: [Int32], targets: [Int32]) {
        self.count = count
        self.movies = movies
        self.ratings = ratings
        self.targets = targets
    }
}
