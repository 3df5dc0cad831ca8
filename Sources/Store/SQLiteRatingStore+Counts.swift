extension SQLiteRatingStore {
    /// Both read only the covering index `ratings_by_movie` (a test pins the query plans):
    /// one range for a movie's statistics, and for the counts one pass in movie order
    /// instead of a scan of the table and a sort.
    static let countsByMovieSQL = "SELECT movie, COUNT(*) FROM ratings GROUP BY movie"
    static let movieStatsSQL = "SELECT COUNT(*), AVG(rating) FROM ratings WHERE movie = ?1"

    public func ratingCountsByMovie() throws -> [Int64: Int] {
        try read { db in
            let query = try db.statement(Self.countsByMovieSQL)
            defer { query.reset() }
            var counts: [Int64: Int] = [:]
            while try query.step() { counts[query.int64(0)] = Int(query.int64(1)) }
            return counts
        }
    }

    public func ratingStats(movie: Int64) throws -> MovieRatingStats {
        try readOne { db in
            let query = try db.statement(Self.movieStatsSQL)
            defer { query.reset() }
            try query.bind(1, movie)
            guard try query.step() else { return MovieRatingStats(count: 0, mean: nil) }
            return MovieRatingStats(count: Int(query.int64(0)), mean: query.isNull(1) ? nil : query.double(1))
        }
    }
}
