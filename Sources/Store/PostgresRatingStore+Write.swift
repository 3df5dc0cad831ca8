import Ratings

extension PostgresRatingStore {
    /// The conflict clause of every rating write, the same rule as SQLite's: the update
    /// happens only for a rating at least as new that actually differs, so replays are
    /// no-ops; `RETURNING (xmax = 0)` tells an insert (true) from an update (false), and
    /// an unchanged row returns nothing.
    static let upsertConflictClause = """
        ON CONFLICT ("user", movie) DO UPDATE SET rating = EXCLUDED.rating, "timestamp" = EXCLUDED."timestamp"
        WHERE EXCLUDED."timestamp" >= ratings."timestamp"
          AND (EXCLUDED."timestamp" > ratings."timestamp" OR EXCLUDED.rating <> ratings.rating)
        """

    /// Validates, then joins the group commit (see `SQLiteRatingStore.add`); returns once
    /// the group's COMMIT is flushed on the server.
    @discardableResult
    public func add(_ ratings: [Rating]) throws -> WriteSummary {
        for rating in ratings where !RatingScale.contains(rating.value) {
            throw StoreError.ratingOffScale(user: rating.user, movie: rating.movie, value: rating.value)
        }
        return try ratingCommits.submit(ratings) { try writeGroup($0) }
    }

    /// What one rating write did to its row.
    enum RowOutcome {
        case inserted, updated, unchanged
    }

    /// Writes several callers' ratings in one transaction, returning each caller's own
    /// summary. When every (user, movie) pair of the group is distinct (the usual case)
    /// the group is one round trip (`writeDistinct`); a group that writes a pair twice goes
    /// row by row, in order, so the second write sees the first.
    func writeGroup(_ groups: [[Rating]]) throws -> [WriteSummary] {
        let all = Array(groups.joined())
        let outcomes: [RowOutcome]
        if Set(all.map { PairKey(user: $0.user, movie: $0.movie) }).count == all.count {
            outcomes = try pool.withConnection { try Self.writeDistinct(all, $0) }
        } else {
            outcomes = try write { db in
                let before = try PostgresWriteLog.latest(db)
                let outcomes = try all.map { try Self.writeOne($0, db) }
                let inserted = outcomes.filter { $0 == .inserted }.count
                let changed = outcomes.filter { $0 != .unchanged }.count
                let newest = all.map(\.timestamp).max() ?? before.maxTimestamp
                try PostgresWriteLog.record(changed: changed, count: before.count + inserted,
                                            maxTimestamp: max(before.maxTimestamp, newest), db)
                return outcomes
            }
        }
        var summaries: [WriteSummary] = []
        var index = 0
        for ratings in groups {
            var summary = WriteSummary()
            for _ in ratings {
                switch outcomes[index] {
                case .inserted: summary.inserted += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
                index += 1
            }
            summaries.append(summary)
        }
        return summaries
    }

    struct PairKey: Hashable {
        var user: Int64
        var movie: Int64
    }

    /// Distinct pairs in one message, one round trip, one implicit transaction: lock the
    /// write log, upsert every rating from arrays, append the log row computed from what
    /// the upsert returned, and return the rows written. The arrays are inlined (numbers
    /// formatted here, nothing from the request as text); a round trip per statement cost
    /// more than the commit's WAL flush on loopback.
    static func writeDistinct(_ ratings: [Rating], _ db: PostgresConnection) throws -> [RowOutcome] {
        guard !ratings.isEmpty else { return [] }
        let users = arrayLiteral(ratings.map { String($0.user) })
        let movies = arrayLiteral(ratings.map { String($0.movie) })
        let values = arrayLiteral(ratings.map { String(Double($0.value)) })
        let times = arrayLiteral(ratings.map { String($0.timestamp) })
        let rows = try db.batch("""
            LOCK TABLE rating_writes IN SHARE ROW EXCLUSIVE MODE;
            WITH input AS (
                SELECT * FROM unnest('\(users)'::bigint[], '\(movies)'::bigint[], '\(values)'::float8[], '\(times)'::bigint[])
                    AS i("user", movie, rating, "timestamp")),
            written AS (
                INSERT INTO ratings("user", movie, rating, "timestamp") SELECT * FROM input
                \(upsertConflictClause)
                RETURNING "user", movie, (xmax = 0) AS inserted),
            previous AS (
                SELECT rating_count, max_timestamp FROM rating_writes ORDER BY seq DESC LIMIT 1),
            logged AS (
                INSERT INTO rating_writes(changed, rating_count, max_timestamp, written_at)
                SELECT count(*),
                       COALESCE((SELECT rating_count FROM previous), 0) + count(*) FILTER (WHERE inserted),
                       GREATEST(COALESCE((SELECT max_timestamp FROM previous), 0), (SELECT max("timestamp") FROM input)),
                       extract(epoch FROM now())::bigint
                FROM written HAVING count(*) > 0)
            SELECT "user", movie, inserted FROM written
            """)
        var written: [PairKey: RowOutcome] = [:]
        for row in 0..<rows.rowCount {
            written[PairKey(user: rows.int64(row, 0), movie: rows.int64(row, 1))] = rows.bool(row, 2) ? .inserted : .updated
        }
        return ratings.map { written[PairKey(user: $0.user, movie: $0.movie)] ?? .unchanged }
    }

    private static func writeOne(_ rating: Rating, _ db: PostgresConnection) throws -> RowOutcome {
        let rows = try db.query("""
            INSERT INTO ratings("user", movie, rating, "timestamp") VALUES ($1, $2, $3, $4)
            \(upsertConflictClause)
            RETURNING (xmax = 0)
            """, [String(rating.user), String(rating.movie), String(Double(rating.value)), String(rating.timestamp)])
        guard rows.rowCount > 0 else { return .unchanged }
        return rows.bool(0, 0) ? .inserted : .updated
    }

    /// `{a,b,c}`: a PostgreSQL array literal of numbers (no quoting needed).
    static func arrayLiteral(_ elements: [String]) -> String {
        "{" + elements.joined(separator: ",") + "}"
    }

    public func upsert(movies: [Movie]) throws {
        try write { db in _ = try Self.writeMovies(movies, db) }
    }

    public func upsert(users: [UserProfile]) throws {
        try write { db in _ = try Self.writeUsers(users, db) }
    }

    /// Inserts or replaces movies; returns how many rows changed.
    static func writeMovies(_ movies: [Movie], _ db: PostgresConnection) throws -> Int {
        try mergeByID(movies.map { movie in
            "\(movie.id)\t\(copyText(movie.title))\t\(movie.year.map(String.init) ?? #"\N"#)\t"
                + copyText(movie.genres.joined(separator: String(Schema.genreSeparator)))
        }, into: "movies", columns: [("title", "TEXT"), ("year", "INTEGER"), ("genres", "TEXT")], db)
    }

    /// Inserts or replaces user profiles; returns how many rows changed.
    static func writeUsers(_ users: [UserProfile], _ db: PostgresConnection) throws -> Int {
        try mergeByID(users.map { user in
            "\(user.id)\t\(user.age.map(String.init) ?? #"\N"#)\t"
                + "\(user.gender.map(copyText) ?? #"\N"#)\t\(user.occupation.map(copyText) ?? #"\N"#)"
        }, into: "users", columns: [("age", "INTEGER"), ("gender", "TEXT"), ("occupation", "TEXT")], db)
    }

    /// Inserts or replaces rows of `table`, keyed by its `id` column; `rows` are `COPY` text
    /// lines, the id then `columns` in order. The rows travel by `COPY` into a temporary table
    /// and merge in one statement (a catalogue of 60k movies would otherwise cost 60k round
    /// trips); of two rows with one id the later wins, and a row equal to the stored one is
    /// not counted. Returns how many rows changed.
    private static func mergeByID(_ rows: [String], into table: String, columns: [(name: String, type: String)],
                                  _ db: PostgresConnection) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let staging = "movierec_\(table)"
        let names = columns.map(\.name)
        let list = names.joined(separator: ", ")
        try db.execute("CREATE TEMPORARY TABLE \(staging)(ord INTEGER, id BIGINT, "
                       + columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ")")
        try db.copy("COPY \(staging) FROM STDIN") { sink in
            for (order, row) in rows.enumerated() { try sink.line("\(order)\t\(row)") }
        }
        let changed = try db.scalar("""
            WITH merged AS (
                INSERT INTO \(table)(id, \(list))
                SELECT DISTINCT ON (id) id, \(list) FROM \(staging) ORDER BY id, ord DESC
                ON CONFLICT (id) DO UPDATE SET \(names.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
                WHERE (\(names.map { "\(table).\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(names.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                RETURNING 1)
            SELECT count(*) FROM merged
            """)
        try db.execute("DROP TABLE \(staging)")
        return Int(changed)
    }

    /// `text` as a field of `COPY`'s text format: backslash, tab, newline and carriage
    /// return escaped, so any title survives the trip.
    static func copyText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += #"\\"#
            case "\t": escaped += #"\t"#
            case "\n": escaped += #"\n"#
            case "\r": escaped += #"\r"#
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
