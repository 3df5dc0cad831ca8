/// What a caller narrows a list to, beyond the rule every list keeps (a movie the user rated
/// is never recommended back). Applied before the top-k is taken, so `k=10` with a genre
/// asked for gives ten movies of that genre whenever ten exist.
public struct MovieFilter: Sendable {
    /// Movies the caller does not want to see ("not these ten again").
    public var excluded: Set<Int64>
    /// Whether a movie may appear at all (genres, years: facts of the catalogue, which this
    /// module does not hold); nil admits every movie.
    public var admits: (@Sendable (Int64) -> Bool)?

    public init(excluded: Set<Int64> = [], admits: (@Sendable (Int64) -> Bool)? = nil) {
        self.excluded = excluded
        self.admits = admits
    }

    public static let none = MovieFilter()

    /// Whether `movie` passes the caller's conditions (the user's own ratings aside).
    func allows(_ movie: Int64) -> Bool {
        !excluded.contains(movie) && (admits?(movie) ?? true)
    }
}

/// Which part of a list is asked for: `count` movies after the first `offset` of the list's
/// full order. Pages of one model version over unchanged ratings never repeat or skip a
/// movie: the order is total (score, then the model's movie index, then movie id).
public struct ListPage: Sendable, Equatable {
    public var offset: Int
    public var count: Int

    public init(offset: Int = 0, count: Int) {
        self.offset = offset
        self.count = count
    }

    /// How many movies of the full order must be ranked to cut this page out of it.
    public var depth: Int { offset + count }
}
