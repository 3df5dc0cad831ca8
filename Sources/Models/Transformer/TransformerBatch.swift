/// A batch of sequences as the network reads them: dense indices, row-major.
public struct TransformerBatch: Sendable, Equatable {
    /// Number of sequences B.
    public var count: Int
    /// (B, S): the S − 1 history movies then the target; 0 is PAD.
    public var movies: [Int32]
    /// (B, S − 1): rating index 1…5 of each history movie, 0 for PAD.
    public var ratings: [Int32]
    /// (B): user rows.
    public var users: [Int32]
    /// (B, 3): gender, age group and occupation indices; empty when features are off.
    public var features: [Int32]
    /// (B): the ratings to predict (ignored by inference).
    public var targets: [Float]

    public init(count: Int, movies: [Int32], ratings: [Int32], users: [Int32], features: [Int32] = [], targets: [Float]) {
        self.count = count
        self.movies = movies
        self.ratings = ratings
        self.users = users
        self.features = features
        self.targets = targets
    }
}
