import Ratings

extension PostgresRatingStore {
    /// Streams the dataset into the store in one transaction, so any error (a malformed
    /// line, a database error) rolls the whole import back.
    ///
    /// Ratings are gathered in chunks (see `ImportBuffer`: sorted by (user, movie), each
    /// pair's newest line only), each chunk is streamed with `COPY` into a temporary
    /// table and merged into `ratings` by one `INSERT … SELECT … ON CONFLICT` with the
    /// usual newest-wins rule. Summary counts mean what they mean for SQLite. Into an empty
    /// store the secondary indexes are built once at the end (see `PostgresDeferredIndexes`):
    /// 5M rows at 182k rows/s, against 119k maintaining `ratings_by_movie` row by row and
    /// 199k with no index at all.
    @discardableResult
    public func importDataset(_ reader: any DatasetReader,
                              progress: ((ReadProgress) -> Void)? = nil) throws -> ImportSummary {
        try importDataset(reader, chunkSize: 8 << 20, progress: progress)
    }

    @discardableResult
    func importDataset(_ reader: any DatasetReader, chunkSize: Int,
                       progress: ((ReadProgress) -> Void)?) throws -> ImportSummary {
        let movies = try reader.movies()
        let users = try reader.users()
        return try write { db in
            let moviesWritten = try Self.writeMovies(movies, db)
            let usersWritten = try Self.writeUsers(users, db)
            let before = Int(try db.scalar("SELECT count(*) FROM ratings"))
            let deferred = before == 0 ? try PostgresDeferredIndexes.drop(on: "ratings", db) : nil
            try db.execute("""
                CREATE TEMPORARY TABLE movierec_import(
                    "user" BIGINT NOT NULL, movie BIGINT NOT NULL,
                    rating DOUBLE PRECISION NOT NULL, "timestamp" BIGINT NOT NULL) ON COMMIT DROP
                """)
            var buffer = ImportBuffer(capacity: chunkSize)
            var read = 0
            var changed = 0
            var newest = Int64.min
            let flush = { (buffer: inout ImportBuffer) throws in
                guard !buffer.isEmpty else { return }
                try db.copy(#"COPY movierec_import("user", movie, rating, "timestamp") FROM STDIN"#) { sink in
                    try buffer.drain { rating in
                        newest = max(newest, rating.timestamp)
                        try sink.line("\(rating.user)\t\(rating.movie)\t\(Double(rating.value))\t\(rating.timestamp)")
                    }
                }
                changed += Int(try db.scalar("""
                    WITH merged AS (
                        INSERT INTO ratings("user", movie, rating, "timestamp")
                        SELECT "user", movie, rating, "timestamp" FROM movierec_import ORDER BY "user", movie
                        \(Self.upsertConflictClause)
                        RETURNING 1)
                    SELECT count(*) FROM merged
                    """))
                try db.execute("TRUNCATE movierec_import")
            }
            try reader.forEachRating(progress: progress) { rating in
                read += 1
                buffer.append(rating)
                if buffer.isFull { try flush(&buffer) }
            }
            try flush(&buffer)
            try deferred?.rebuild(db)
            let after = Int(try db.scalar("SELECT count(*) FROM ratings"))
            let inserted = after - before
            try PostgresWriteLog.record(changed: changed, count: after,
                                        maxTimestamp: max(try PostgresWriteLog.latest(db).maxTimestamp, newest), db)
            let summary = WriteSummary(inserted: inserted, updated: changed - inserted, unchanged: read - changed)
            return ImportSummary(ratingsRead: read, ratings: summary,
                                 moviesWritten: moviesWritten, usersWritten: usersWritten)
        }
    }
}
