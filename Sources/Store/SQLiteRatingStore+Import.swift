import CSQLite
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
    /// Into an empty store the secondary indexes (`ratings_by_movie`) are dropped first and
    /// built once at the end (see `DeferredIndexes`): 0.85M rows/s for 5M rows instead of
    /// 0.18M rows/s maintaining them row by row (1.49M rows/s with no index at all). Into
    /// a store that has ratings they are maintained row by row: 1M rows into a 5M-row store
    /// went from 0.57M to 0.14M rows/s with the index.
    ///
    /// In the summary, `unchanged` counts lines that changed nothing: older than or equal
    /// to the stored rating, or superseded by a newer line of the same chunk.
    ///
    /// Durability: into an empty store the transaction uses a rollback journal with
    /// `synchronous = FULL` (see `bulkWrite`). Otherwise it runs in WAL with
    /// `synchronous = NORMAL` — that keeps it atomic and consistent (a crash leaves the
    /// store as before or after the import) while skipping fsyncs for pages the cache
    /// spills mid-transaction; a checkpoint right after commit fsyncs the WAL. Either way
    /// the import is durable when this returns, and the store's own settings are restored.
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
            let deferred = before == 0 ? try DeferredIndexes.drop(on: "ratings", db) : nil
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
            try deferred?.rebuild(db)
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
    ///
    /// Into an empty store (the first import, the usual bulk load) the transaction runs in
    /// rollback-journal mode with `synchronous = FULL` and the store returns to WAL after:
    /// in WAL every page of a 25M-row import was written twice (to the WAL, then by the
    /// checkpoint into the database, ≈ 1.2 GB of writes for 600 MB of data), while a
    /// rollback journal of an empty table holds almost nothing. Both modes commit
    /// atomically and durably. When the switch is refused (another connection, such as a
    /// running server, has the file open) the import stays in WAL.
    private func bulkWrite<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writeLock.withLock {
            let rollbackJournal = try !isInMemory && writer.scalar("SELECT EXISTS (SELECT 1 FROM ratings)") == 0
                && switchJournal(to: "delete")
            try writer.execute("PRAGMA synchronous = \(rollbackJournal ? "FULL" : "NORMAL"); PRAGMA cache_size = -262144")
            defer {
                try? writer.execute("PRAGMA synchronous = \(durability.rawValue); PRAGMA cache_size = -2000")
            }
            let result: T
            do {
                result = try writer.transaction { try body(writer) }
            } catch {
                if rollbackJournal { _ = try? switchJournal(to: "wal") }
                throw error
            }
            if rollbackJournal {
                guard try switchJournal(to: "wal") else {
                    throw SQLiteError(code: SQLITE_BUSY, message: "could not return to WAL after the import", sql: "PRAGMA journal_mode = WAL")
                }
            } else if !isInMemory {
                try writer.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            return result
        }
    }

    /// Sets the journal mode; false when SQLite keeps the current one.
    private func switchJournal(to mode: String) throws -> Bool {
        let pragma = try writer.statement("PRAGMA journal_mode = \(mode)")
        defer { pragma.reset() }
        guard (try? pragma.step()) == true else { return false }
        return pragma.text(0)?.lowercased() == mode
    }
}
