extension SQLiteRatingStore {
    /// Deletes the row through the writer like any other write (not the group commit, which
    /// batches upserts). The writer's `secure_delete` zeroes the row where it stood, but
    /// copies of it can outlive the call in the WAL and in pages' unused space (see
    /// `forgetUser`): the on-disk guarantee is `forgetUser`'s, not this one's.
    public func deleteRating(user: Int64, movie: Int64) throws -> Bool {
        try write { db in
            let delete = try db.statement("DELETE FROM ratings WHERE user = ?1 AND movie = ?2")
            try delete.bind(1, user)
            try delete.bind(2, movie)
            try delete.run()
            guard db.changes > 0 else { return false }
            try WriteLog.recordDeletion(of: 1, db)
            return true
        }
    }

    /// Forgets the user in one transaction and, before returning, rewrites the file so that
    /// none of the user's ratings or profile can be read from the bytes of the database file
    /// or of its `-wal` file.
    ///
    /// Why a rewrite: `secure_delete` (on for the writer) zeroes deleted rows and freed
    /// pages, but when SQLite rebuilds a page during a split or merge it leaves the old
    /// bytes of moved rows in the page's unused space, so copies of a user's rows survive
    /// their deletion (measured: a user's rows that later writes had moved were still in the
    /// file after their deletion and a checkpoint). `VACUUM` rebuilds every page
    /// from the live rows only, then `wal_checkpoint(TRUNCATE)` copies those pages over the
    /// old ones and empties the WAL. It costs a pass over the whole file (≈ 1.8 s for 5M
    /// ratings, 211 MB) under the write lock, so concurrent forgets are batched: one
    /// transaction and one rewrite serve every forget queued behind the running one (see
    /// `GroupCommit`). The rewrite also needs room for a copy of the database in the temp
    /// directory and in the WAL.
    ///
    /// When the rewrite fails, or readers of older snapshots keep the WAL from being
    /// emptied past the busy timeout, this throws `StoreError.forgetNotScrubbed` although
    /// the forget is committed; calling it again (`.alreadyForgotten`) rewrites again.
    /// Kept on purpose: the id in `forgotten_users` and the write log's counts (its newest
    /// times are lowered to the newest still stored). Not covered: copies of the
    /// file, and what the file system or the disk keep of blocks they released.
    public func forgetUser(_ user: Int64) throws -> ForgetOutcome {
        try forgets.submit(user) { try forgetGroup($0) }
    }

    /// A scan of `forgotten_users` (one row per forgotten user, a small table).
    public func forgottenUsers(since sequence: Int64) throws -> Set<Int64> {
        try readOne { db in
            let query = try db.statement("SELECT id FROM forgotten_users WHERE sequence > ?1")
            defer { query.reset() }
            try query.bind(1, sequence)
            var users = Set<Int64>()
            while try query.step() { users.insert(query.int64(0)) }
            return users
        }
    }

    /// Forgets several callers' users in one transaction, in order, then rewrites the file
    /// once for all of them (nothing to rewrite when every user was unknown).
    func forgetGroup(_ users: [Int64]) throws -> [ForgetOutcome] {
        try writeLock.withLock {
            let outcomes = try writer.transaction { try users.map { try Self.forget($0, writer) } }
            if outcomes.contains(where: { $0 != .unknown }) { try scrub() }
            return outcomes
        }
    }

    /// One forget, inside an open write transaction.
    private static func forget(_ user: Int64, _ db: SQLiteConnection) throws -> ForgetOutcome {
        let ratings = try db.statement("DELETE FROM ratings WHERE user = ?1")
        try ratings.bind(1, user)
        try ratings.run()
        let deleted = db.changes
        let profile = try db.statement("DELETE FROM users WHERE id = ?1")
        try profile.bind(1, user)
        try profile.run()
        guard deleted > 0 || db.changes > 0 else {
            let known = try db.statement("SELECT 1 FROM forgotten_users WHERE id = ?1")
            defer { known.reset() }
            try known.bind(1, user)
            return try known.step() ? .alreadyForgotten : .unknown
        }
        try WriteLog.recordDeletion(of: deleted, db)
        try WriteLog.forgetDeletedTimestamps(db)
        let record = try db.statement("""
            INSERT INTO forgotten_users(id, sequence, forgotten_at) VALUES (?1, ?2, CAST(strftime('%s','now') AS INTEGER))
            ON CONFLICT(id) DO UPDATE SET sequence = excluded.sequence, forgotten_at = excluded.forgotten_at
            """)
        try record.bind(1, user)
        try record.bind(2, try WriteLog.latest(db).sequence)
        try record.run()
        return .forgotten(ratings: deleted)
    }

    /// Rebuilds the database from its live rows (`VACUUM`), then copies every page of the
    /// WAL into the file and truncates the WAL to zero bytes. The caller holds the write
    /// lock. An in-memory store has no bytes to scrub.
    private func scrub() throws {
        guard !isInMemory else { return }
        let busy: Bool
        do {
            try writer.execute("VACUUM")
            let checkpoint = try writer.statement("PRAGMA wal_checkpoint(TRUNCATE)")
            defer { checkpoint.reset() }
            // One row: busy (1 when readers or another writer stopped it), log frames, checkpointed frames.
            busy = try !checkpoint.step() || checkpoint.int64(0) != 0
        } catch let error as SQLiteError {
            throw StoreError.forgetNotScrubbed(location: path, reason: error.description)
        }
        if busy {
            throw StoreError.forgetNotScrubbed(location: path, reason: "readers of older snapshots kept the WAL from being emptied")
        }
    }
}
