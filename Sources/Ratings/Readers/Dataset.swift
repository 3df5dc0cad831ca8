/// A whole dataset in memory: what training and evaluation start from.
public struct Dataset: Sendable {
    public var format: DatasetFormat
    /// In file order.
    public var ratings: [Rating]
    public var movies: [Movie]
    /// Empty for datasets without demographics (MovieLens latest, Netflix).
    public var users: [UserProfile]

    public init(format: DatasetFormat, ratings: [Rating], movies: [Movie], users: [UserProfile]) {
        self.format = format
        self.ratings = ratings
        self.movies = movies
        self.users = users
    }
}
