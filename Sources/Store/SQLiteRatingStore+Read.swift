import Ratings

extension SQLiteRatingStore {
    public func ratingCount() throws -> Int {
        try read { db in Int(try db.scalar("SELECT COUNT(*) FROM ratings")) }
    }

    public func movie(id: Int64) throws -> Movie? {
        try read { db in
            let query = try db.statement("SELECT id, title, year, genres FROM movies WHERE id = ?")
            defer { query.reset() }
            try query.bind(1, id)
            return try query.step() ? Self.movie(from: query) : nil
        }
    }

    public func movieExists(id: Int64) throws -> Bool {
        try read { db in
            let query = try db.statement("SELECT 1 FROM movies WHERE id = ?")
            defer { query.reset() }
            try query.bind(1, id)
            return try query.step()
        }
    }

    public func movieIDs() throws -> Set<Int64> {
        try read { db in
            let query = try db.statement("SELECT id FROM movies")
            defer { query.reset() }
            var ids = Set<Int64>()
            while try query.step() { ids.insert(query.int64(0)) }
            return ids
        }
    }

    public func movies() throws -> [Movie] {
        try read { db in
            let query = try db.statement("SELECT id, title, year, genres FROM movies ORDER BY id")
            defer { query.reset() }
            var movies: [Movie] = []
            while try query.step() { movies.append(Self.movie(from: query)) }
            return movies
        }
    }

    public func user(id: Int64) throws -> UserProfile? {
        try read { db in
            let query = try db.statement("SELECT id, age, gender, occupation FROM users WHERE id = ?")
            defer { query.reset() }
            try query.bind(1, id)
            return try query.step() ? Self.user(from: query) : nil
        }
    }

    public func users() throws -> [UserProfile] {
        try read { db in
            let query = try db.statement("SELECT id, age, gender, occupation FROM users ORDER BY id")
            defer { query.reset() }
            var users: [UserProfile] = []
            while try query.step() { users.append(Self.user(from: query)) }
            return users
        }
    }

    public func history(user: Int64, limit: Int) throws -> [Rating] {
        guard limit > 0 else { return [] }
        return try readOne { db in
            let query = try db.statement("""
                SELECT movie, rating, timestamp FROM ratings WHERE user = ?
                ORDER BY timestamp DESC, movie DESC LIMIT ?
                """)
            defer { query.reset() }
            try query.bind(1, user)
            try query.bind(2, Int64(limit))
            var newestFirst: [Rating] = []
            while try query.step() {
                newestFirst.append(Rating(user: user, movie: query.int64(0), value: Float(query.double(1)),
                                          timestamp: query.int64(2)))
            }
            return newestFirst.reversed()
        }
    }

    public func ratings(user: Int64) throws -> [Rating] {
        try readOne { db in
            let query = try db.statement("SELECT movie, rating, timestamp FROM ratings WHERE user = ?")
            defer { query.reset() }
            try query.bind(1, user)
            var ratings: [Rating] = []
            while try query.step() {
                ratings.append(Rating(user: user, movie: query.int64(0), value: Float(query.double(1)), timestamp: query.int64(2)))
            }
            return ratings
        }
    }

    public func snapshot() throws -> RatingSnapshot {
        try read { db in
            let fingerprint = try Self.fingerprint(db)
            let query = try db.statement("SELECT user, movie, rating, timestamp FROM ratings ORDER BY user, movie")
            defer { query.reset() }
            var ratings: [Rating] = []
            ratings.reserveCapacity(fingerprint.count)
            while try query.step() {
                ratings.append(Rating(user: query.int64(0), movie: query.int64(1), value: Float(query.double(2)),
                                      timestamp: query.int64(3)))
            }
            return RatingSnapshot(ratings: ratings, fingerprint: fingerprint)
        }
    }

    public func fingerprint() throws -> StoreFingerprint {
        try read { db in try Self.fingerprint(db) }
    }

    public func changes(since fingerprint: StoreFingerprint) throws -> Int {
        try read { db in
            try WriteLog.changes(since: fingerprint.sequence, db)
        }
    }

    static func fingerprint(_ db: SQLiteConnection) throws -> StoreFingerprint {
        try WriteLog.latest(db)
    }

    static func movie(from row: SQLiteStatement) -> Movie {
        let genres = row.text(3) ?? ""
        return Movie(id: row.int64(0), title: row.text(1) ?? "", year: row.int(2),
                     genres: genres.isEmpty ? [] : genres.split(separator: Schema.genreSeparator).map(String.init))
    }

    static func user(from row: SQLiteStatement) -> UserProfile {
        UserProfile(id: row.int64(0), age: row.int(1), gender: row.text(2), occupation: row.text(3))
    }
}
