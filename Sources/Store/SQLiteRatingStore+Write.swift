import Ratings

extension SQLiteRatingStore {
    /// The upsert every rating write uses. The update happens only for a rating at
    /// least as new as the stored one that actually differs, so replays are no-ops and
    /// are not counted as changes.
    static let upsertRatingSQL = """
        INSERT INTO ratings(user, movie, rating, timestamp) VALUES (?1, ?2, ?3, ?4)
        \(upsertConflictClause)
        """

    static let upsertConflictClause = """
        ON CONFLICT(user, movie) DO UPDATE SET rating = excluded.rating, timestamp = excluded.timestamp
        WHERE excluded.timestamp >= ratings.timestamp
          AND (excluded.timestamp > ratings.timestamp OR excluded.rating != ratings.rating)
        """

    /// Validates, then joins the group commit: concurrent callers' ratings are written in
    /// one transaction (see `GroupCommit`), each caller getting the summary of its own
    /// ratings. Returns once the group's COMMIT has returned, which with the writer's
    /// `synchronous = FULL` (the default `Durability`) means the WAL was fsynced: an
    /// acknowledged rating survives `kill -9` and power loss.
    @discardableResult
    public func add(_ ratings: [Rating]) throws -> WriteSummary {
        for rating in ratings where !RatingScale.contains(rating.value) {
            throw StoreError.ratingOffScale(user: rating.user, movie: rating.movie, value: rating.value)
        }
        return try ratingCommits.submit(ratings) { try writeGroup($0) }
    }

    /// Writes several callers' ratings in one transaction, in order, returning each
    /// caller's own summary.
    func writeGroup(_ groups: [[Rating]]) throws -> [WriteSummary] {
        try write { db in
            let before = try WriteLog.latest(db)
            var writer = try RatingWriter(db)
            let lookup = try db.statement("SELECT 1 FROM ratings WHERE user = ? AND movie = ?")
            var summaries: [WriteSummary] = []
            summaries.reserveCapacity(groups.count)
            for ratings in groups {
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
                summaries.append(summary)
            }
            let inserted = summaries.reduce(0) { $0 + $1.inserted }
            let newest = groups.lazy.flatMap { $0 }.map(\.timestamp).max() ?? before.maxTimestamp
            try WriteLog.record(changed: writer.changed, count: before.count + inserted,
                                maxTimestamp: max(before.maxTimestamp, newest), db)
            return summaries
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
            try bind(movie, to: statement)
            try statement.run()
            changed += db.changes
        }
        return changed
    }

    /// Binds a movie's columns to ?1 … ?4 as (id, title, year, genres).
    static func bind(_ movie: Movie, to statement: SQLiteStatement) throws {
        try statement.bind(1, movie.id)
        try statement.bind(2, movie.title)
        try statement.bind(3, movie.year)
        try statement.bind(4, movie.genres.joined(separator: String(Schema.genreSeparator)))
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

/// Writes ratings with the upsert inside an open write transaction and counts the rows
/// it inserted or changed (for `WriteLog`).
struct RatingWriter {
    private let db: SQLiteConnection
    private let upsert: SQLiteStatement
    private(set) var changed = 0

    init(_ db: SQLiteConnection) throws {
        self.db = db
        upsert = try db.statement(SQLiteRatingStore.upsertRatingSQL)
    }

    /// Returns whether the row was inserted or changed.
    mutating func write(_ rating: Rating) throws -> Bool {
        upsert.reset()
        try upsert.bind(1, rating.user)
        try upsert.bind(2, rating.movie)
        try upsert.bind(3, Double(rating.value))
        try upsert.bind(4, rating.timestamp)
        try upsert.run()
        guard db.changes > 0 else { return false }
        changed += 1
        return true
    }
}
