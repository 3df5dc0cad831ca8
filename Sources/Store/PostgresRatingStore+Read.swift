import Ratings

extension PostgresRatingStore {
    /// From the write log (one indexed read), not `count(*)`: PostgreSQL counts by
    /// scanning, ≈ 1 s at 25M rows, and `/health` asks on every probe. Exact for the same
    /// reason the fingerprint is (see `WriteLog`).
    public func ratingCount() throws -> Int {
        try read { db in try PostgresWriteLog.latest(db).count }
    }

    public func movie(id: Int64) throws -> Movie? {
        try read { db in
            let rows = try db.query("SELECT id, title, year, genres FROM movies WHERE id = $1", [String(id)])
            return rows.rowCount > 0 ? Self.movie(rows, 0) : nil
        }
    }

    public func movieExists(id: Int64) throws -> Bool {
        try read { db in try db.query("SELECT 1 FROM movies WHERE id = $1", [String(id)]).rowCount > 0 }
    }

    public func movieIDs() throws -> Set<Int64> {
        try read { db in
            let rows = try db.query("SELECT id FROM movies")
            return Set((0..<rows.rowCount).map { rows.int64($0, 0) })
        }
    }

    public func movies() throws -> [Movie] {
        try read { db in
            let rows = try db.query("SELECT id, title, year, genres FROM movies ORDER BY id")
            return (0..<rows.rowCount).map { Self.movie(rows, $0) }
        }
    }

    public func user(id: Int64) throws -> UserProfile? {
        try read { db in
            let rows = try db.query("SELECT id, age, gender, occupation FROM users WHERE id = $1", [String(id)])
            return rows.rowCount > 0 ? Self.user(rows, 0) : nil
        }
    }

    public func users() throws -> [UserProfile] {
        try read { db in
            let rows = try db.query("SELECT id, age, gender, occupation FROM users ORDER BY id")
            return (0..<rows.rowCount).map { Self.user(rows, $0) }
        }
    }

    public func history(user: Int64, limit: Int) throws -> [Rating] {
        guard limit > 0 else { return [] }
        return try read { db in
            let rows = try db.query("""
                SELECT movie, rating, "timestamp" FROM ratings WHERE "user" = $1
                ORDER BY "timestamp" DESC, movie DESC LIMIT $2
                """, [String(user), String(limit)])
            return (0..<rows.rowCount).reversed().map { row in
                Rating(user: user, movie: rows.int64(row, 0), value: Float(rows.double(row, 1)), timestamp: rows.int64(row, 2))
            }
        }
    }

    public func ratings(user: Int64) throws -> [Rating] {
        try read { db in
            let rows = try db.query(#"SELECT movie, rating, "timestamp" FROM ratings WHERE "user" = $1"#, [String(user)])
            return (0..<rows.rowCount).map { row in
                Rating(user: user, movie: rows.int64(row, 0), value: Float(rows.double(row, 1)), timestamp: rows.int64(row, 2))
            }
        }
    }

    public func ratingCountsByMovie() throws -> [Int64: Int] {
        try read { db in
            let rows = try db.query("SELECT movie, count(*) FROM ratings GROUP BY movie")
            var counts: [Int64: Int] = [:]
            for row in 0..<rows.rowCount { counts[rows.int64(row, 0)] = Int(rows.int64(row, 1)) }
            return counts
        }
    }

    /// An index-only scan of `ratings_by_movie` once VACUUM has marked the pages all-visible.
    public func ratingStats(movie: Int64) throws -> MovieRatingStats {
        try read { db in
            let rows = try db.query("SELECT count(*), avg(rating) FROM ratings WHERE movie = $1", [String(movie)])
            guard rows.rowCount > 0 else { return MovieRatingStats(count: 0, mean: nil) }
            return MovieRatingStats(count: Int(rows.int64(0, 0)), mean: rows.isNull(0, 1) ? nil : rows.double(0, 1))
        }
    }

    /// Ratings and fingerprint from one repeatable-read transaction: writes committed
    /// while the rows stream are invisible to both.
    public func snapshot() throws -> RatingSnapshot {
        try readConsistent { db in
            let fingerprint = try PostgresWriteLog.latest(db)
            let rows = try db.query(#"SELECT "user", movie, rating, "timestamp" FROM ratings ORDER BY "user", movie"#)
            var ratings: [Rating] = []
            ratings.reserveCapacity(rows.rowCount)
            for row in 0..<rows.rowCount {
                ratings.append(Rating(user: rows.int64(row, 0), movie: rows.int64(row, 1),
                                      value: Float(rows.double(row, 2)), timestamp: rows.int64(row, 3)))
            }
            return RatingSnapshot(ratings: ratings, fingerprint: fingerprint)
        }
    }

    public func fingerprint() throws -> StoreFingerprint {
        try read { db in try PostgresWriteLog.latest(db) }
    }

    public func changes(since fingerprint: StoreFingerprint) throws -> Int {
        try read { db in try PostgresWriteLog.changes(since: fingerprint.sequence, db) }
    }

    static func movie(_ rows: PostgresResult, _ row: Int) -> Movie {
        let genres = rows.text(row, 3) ?? ""
        return Movie(id: rows.int64(row, 0), title: rows.text(row, 1) ?? "", year: rows.int(row, 2),
                     genres: genres.isEmpty ? [] : genres.split(separator: Schema.genreSeparator).map(String.init))
    }

    static func user(_ rows: PostgresResult, _ row: Int) -> UserProfile {
        UserProfile(id: rows.int64(row, 0), age: rows.int(row, 1), gender: rows.text(row, 2), occupation: rows.text(row, 3))
    }
}
