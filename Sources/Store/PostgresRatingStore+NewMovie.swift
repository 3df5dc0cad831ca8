import Ratings

extension PostgresRatingStore {
    public func insertMovie(_ movie: Movie) throws -> Bool {
        try write { db in
            try db.query("""
                INSERT INTO movies(id, title, year, genres) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING 1
                """, [String(movie.id), movie.title, movie.year.map(String.init),
                      movie.genres.joined(separator: String(Schema.genreSeparator))]).rowCount > 0
        }
    }

    public func nextMovieID() throws -> Int64 {
        let rows = try read { db in try db.query("SELECT max(id) FROM movies") }
        guard rows.rowCount > 0, !rows.isNull(0, 0) else { return 1 }
        let largest = rows.int64(0, 0)
        guard largest < .max else { throw StoreError.movieIDsExhausted }
        return largest + 1
    }
}
