import Ratings

extension SQLiteRatingStore {
    /// Streams the dataset into the store in one write transaction, so any error (a
    /// malformed line, a database error) rolls the whole import back.
    ///
    /// Ratings are first appended to a temporary staging table with one reused prepared
    /// statement. Then, per (user, movie), only the import's newest line survives (the
    /// last in the file among equal timestamps) and is merged into `ratings` through the
    /// usual upsert, in key order: inserting in key order keeps every B-tree write
    /// sequential (random-order inserts of millions of rows thrash the page cache), and
    /// deduplicating first makes a re-import a no-op even when a file holds two different
    /// ratings with the same timestamp. Memory stays bounded: SQLite sorts on disk.
    ///
    /// In the summary, `unchanged` counts lines that changed nothing: older than or equal
    /// to the stored rating, or superseded by a newer line of the same import.
    ///
    /// Durability: the transaction runs with `synchronous = NORMAL` — in WAL mode that
    /// keeps it atomic and consistent (a crash leaves the store as before or after the
    /// import) while skipping fsyncs for pages the cache spills mid-transaction; a
    /// checkpoint right after commit fsyncs the WAL, so the import is durable when this
    /// returns. The store's own setting is restored afterwards.
    public func importDataset(_ reader: any DatasetReader,
                              progress: ((ReadProgress) -> Void)? = nil) throws -> ImportSummary {
        let movies = try reader.movies()
        let users = try reader.users()
        return try bulkWrite { db in
            let moviesWritten = try Self.writeMovies(movies, db)
            let usersWritten = try Self.writeUsers(users, db)
            try db.execute("""
                DROP TABLE IF EXISTS temp.import_ratings;
                CREATE TEMP TABLE import_ratings(user INTEGER, movie INTEGER, rating REAL, timestamp INTEGER);
                """)
            let stage = try db.statement("INSERT INTO temp.import_ratings VALUES (?1, ?2, ?3, ?4)")
            var read = 0
            try reader.forEachRating(progress: progress) { rating in
                stage.reset()
                try stage.bind(1, rating.user)
                try stage.bind(2, rating.movie)
                try stage.bind(3, Double(rating.value))
                try stage.bind(4, rating.timestamp)
                try stage.run()
                read += 1
            }
            let before = try db.scalar("SELECT COUNT(*) FROM ratings")
            let merge = try db.statement("""
                INSERT INTO ratings(user, movie, rating, timestamp, seq)
                SELECT user, movie, rating, timestamp, ?1 FROM (
                    SELECT user, movie, rating, timestamp, row_number() OVER (
                        PARTITION BY user, movie ORDER BY timestamp DESC, rowid DESC) AS newest
                    FROM temp.import_ratings)
                WHERE newest = 1
                ORDER BY user, movie
                ON CONFLICT(user, movie) DO UPDATE SET
                    rating = excluded.rating, timestamp = excluded.timestamp, seq = excluded.seq
                WHERE excluded.timestamp >= ratings.timestamp
                  AND (excluded.timestamp > ratings.timestamp OR excluded.rating != ratings.rating)
                """)
            try merge.bind(1, try Self.nextSequence(db))
            try merge.run()
            let changed = db.changes
            try db.execute("DROP TABLE temp.import_ratings")
            let inserted = Int(try db.scalar("SELECT COUNT(*) FROM ratings") - before)
            let summary = WriteSummary(inserted: inserted, updated: changed - inserted, unchanged: read - changed)
            return ImportSummary(ratingsRead: read, ratings: summary,
                                 moviesWritten: moviesWritten, usersWritten: usersWritten)
        }
    }

    /// A write transaction tuned for bulk loading (see `importDataset`).
    private func bulkWrite<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writeLock.withLock {
            try writer.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; PRAGMA temp.cache_size = -262144")
            defer {
                try? writer.execute("PRAGMA synchronous = \(durability.rawValue); PRAGMA cache_size = -2000")
            }
            let result = try writer.transaction { try body(writer) }
            if !isInMemory { try writer.execute("PRAGMA wal_checkpoint(PASSIVE)") }
            return result
        }
    }
}
