import Ratings

extension SQLiteRatingStore {
    public func insertMovie(_ movie: Movie) throws -> Bool {
        try write { db in
            let insert = try db.statement(
                "INSERT INTO movies(id, title, year, genres) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING")
            try Self.bind(movie, to: insert)
            try insert.run()
            return db.changes > 0
        }
    }

    public func nextMovieID() throws -> Int64 {
        let largest = try readOne { db in
            let query = try db.statement("SELECT MAX(id) FROM movies")
            defer { query.reset() }
            return try query.step() && !query.isNull(0) ? query.int64(0) : nil
        }
        guard let largest else { return 1 }
        guard largest < .max else { throw StoreError.movieIDsExhausted }
        return largest + 1
    }
}
