import Ratings

extension SQLiteRatingStore {
    /// Streams the dataset into the store in one write transaction with prepared
    /// statements reused per row: movies and users first, then every rating through the
    /// usual upsert. Any error (a malformed line, a database error, an error thrown by
    /// `progress`' caller) rolls the whole import back.
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
            let before = try db.scalar("SELECT COUNT(*) FROM ratings")
            var writer = try RatingWriter(db)
            var read = 0
            var changed = 0
            try reader.forEachRating(progress: progress) { rating in
                read += 1
                if try writer.write(rating) { changed += 1 }
            }
            let inserted = Int(try db.scalar("SELECT COUNT(*) FROM ratings") - before)
            let summary = WriteSummary(inserted: inserted, updated: changed - inserted, unchanged: read - changed)
            return ImportSummary(ratingsRead: read, ratings: summary,
                                 moviesWritten: moviesWritten, usersWritten: usersWritten)
        }
    }

    /// A write transaction tuned for bulk loading (see `importDataset`).
    private func bulkWrite<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writeLock.withLock {
            try writer.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144")
            defer {
                try? writer.execute("PRAGMA synchronous = \(durability.rawValue); PRAGMA cache_size = -2000")
            }
            let result = try writer.transaction { try body(writer) }
            if !isInMemory { try writer.execute("PRAGMA wal_checkpoint(PASSIVE)") }
            return result
        }
    }
}
