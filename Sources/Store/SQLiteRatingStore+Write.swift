import Ratings

extension SQLiteRatingStore {
    /// The upsert every rating write uses. The update happens only for a rating at
    /// least as new as the stored one that actually differs, so replays are no-ops and
    /// do not consume a change sequence number.
    static let upsertRatingSQL = """
        INSERT INTO ratings(user, movie, rating, timestamp, seq) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(user, movie) DO UPDATE SET
            rating = excluded.rating, timestamp = excluded.timestamp, seq = excluded.seq
        WHERE excluded.timestamp >= ratings.timestamp
          AND (excluded.timestamp > ratings.timestamp OR excluded.rating != ratings.rating)
        """

    public func add(_ ratings: [Rating]) throws -> WriteSummary {
        for rating in ratings where !RatingScale.contains(rating.value) {
            throw StoreError.ratingOffScale(user: rating.user, movie: rating.movie, value: rating.value)
        }
        return try write { db in
            var writer = try RatingWriter(db)
            let lookup = try db.statement("SELECT 1 FROM ratings WHERE user = ? AND movie = ?")
            var summary = WriteSummary()
            for rating in ratings {
                lookup.reset()
                try lookup.bind(1, rating.user)
                try lookup.bind(2, rating.movie)
                let existed = try lookup.step()
                lookup.reset()
                if try writer.write(rating) {
                    if existed { summary.updated += 1 } else { summary.inserted += 1 }
                } else {
                    summary.unchanged += 1
                }
            }
            return summary
        }
    }

    public func upsert(movies: [Movie]) throws {
        try write { db in _ = try Self.writeMovies(movies, db) }
    }

    public func upsert(users: [UserProfile]) throws {
        try write { db in _ = try Self.writeUsers(users, db) }
    }

    /// Inserts or replaces movies; returns how many rows changed.
    static func writeMovies(_ movies: [Movie], _ db: SQLiteConnection) throws -> Int {
        let statement = try db.statement("""
            INSERT INTO movies(id, title, year, genres) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, year = excluded.year, genres = excluded.genres
            WHERE (title, year, genres) IS NOT (excluded.title, excluded.year, excluded.genres)
            """)
        var changed = 0
        for movie in movies {
            statement.reset()
            try statement.bind(1, movie.id)
            try statement.bind(2, movie.title)
            try statement.bind(3, movie.year)
            try statement.bind(4, movie.genres.joined(separator: String(Schema.genreSeparator)))
            try statement.run()
            changed += db.changes
        }
        return changed
    }

    /// Inserts or replaces user profiles; returns how many rows changed.
    static func writeUsers(_ users: [UserProfile], _ db: SQLiteConnection) throws -> Int {
        let statement = try db.statement("""
            INSERT INTO users(id, age, gender, occupation) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT(id) DO UPDATE SET age = excluded.age, gender = excluded.gender, occupation = excluded.occupation
            WHERE (age, gender, occupation) IS NOT (excluded.age, excluded.gender, excluded.occupation)
            """)
        var changed = 0
        for user in users {
            statement.reset()
            try statement.bind(1, user.id)
            try statement.bind(2, user.age)
            try statement.bind(3, user.gender)
            try statement.bind(4, user.occupation)
            try statement.run()
            changed += db.changes
        }
        return changed
    }
}

/// Writes ratings with the upsert inside an open write transaction, handing out change
/// sequence numbers from the table's current maximum (read inside the transaction, so
/// another process importing concurrently cannot collide).
struct RatingWriter {
    private let db: SQLiteConnection
    private let upsert: SQLiteStatement
    private var sequence: Int64

    init(_ db: SQLiteConnection) throws {
        self.db = db
        upsert = try db.statement(SQLiteRatingStore.upsertRatingSQL)
        sequence = try db.scalar("SELECT COALESCE(MAX(seq), 0) FROM ratings")
    }

    /// Returns whether the row was inserted or changed.
    mutating func write(_ rating: Rating) throws -> Bool {
        upsert.reset()
        try upsert.bind(1, rating.user)
        try upsert.bind(2, rating.movie)
        try upsert.bind(3, Double(rating.value))
        try upsert.bind(4, rating.timestamp)
        try upsert.bind(5, sequence + 1)
        try upsert.run()
        guard db.changes > 0 else { return false }
        sequence += 1
        return true
    }
}
