import Ratings

extension SQLiteRatingStore {
    /// Streams the dataset into the store in one write transaction, so any error (a
    /// malformed line, a database error) rolls the whole import back.
    ///
    /// Ratings are gathered in chunks of `chunkSize` (see `ImportBuffer`); each chunk is
    /// sorted by (user, movie), reduced to each pair's newest line (the later line among
    /// equal timestamps) and written in key order through the usual upsert, 128 rows per
    /// execution of one reused prepared statement (see `BatchUpsert`). Deduplicating
    /// first makes re-importing a file a no-op
    /// even when it holds two different ratings with the same timestamp — unless those
    /// two lines fall into different chunks, where the later one still wins but the
    /// re-import rewrites the pair.
    ///
    /// In the summary, `unchanged` counts lines that changed nothing: older than or equal
    /// to the stored rating, or superseded by a newer line of the same chunk.
    ///
    /// Durability: the transaction runs with `synchronous = NORMAL` — in WAL mode that
    /// keeps it atomic and consistent (a crash leaves the store as before or after the
    /// import) while skipping fsyncs for pages the cache spills mid-transaction; a
    /// checkpoint right after commit fsyncs the WAL, so the import is durable when this
    /// returns. The store's own setting is restored afterwards.
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
        return try bulkWrite { db in
            let moviesWritten = try Self.writeMovies(movies, db)
            let usersWritten = try Self.writeUsers(users, db)
            let before = try db.scalar("SELECT COUNT(*) FROM ratings")
            var writer = try BatchUpsert(db)
            var buffer = ImportBuffer(capacity: chunkSize)
            var read = 0
            let flush = { (buffer: inout ImportBuffer) throws in
                try buffer.drain { rating in try writer.write(rating) }
                try writer.flush()
            }
            try reader.forEachRating(progress: progress) { rating in
                read += 1
                buffer.append(rating)
                if buffer.isFull { try flush(&buffer) }
            }
            try flush(&buffer)
            let changed = writer.changed
            let after = Int(try db.scalar("SELECT COUNT(*) FROM ratings"))
            let inserted = after - Int(before)
            try WriteLog.record(changed: changed, count: after,
                                maxTimestamp: max(try WriteLog.latest(db).maxTimestamp, writer.maxTimestamp), db)
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
