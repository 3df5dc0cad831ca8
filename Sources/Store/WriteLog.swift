/// The `rating_writes` table: one row per write transaction that changed ratings, with
/// the number of rows it changed and the table's count and newest timestamp after it.
///
/// Why: the fingerprint is then one indexed read instead of a scan of every rating
/// (≈ 1 s at 10M rows), and "changed since" is a sum over a short log. The count stays
/// exact because ratings are only ever written and deleted through the store, which logs
/// both (a deletion is a change that lowers the count). `max_timestamp` is the newest
/// time written, not necessarily still stored: an accepted write never lowers a
/// timestamp and a retraction keeps it (the newest remaining one would cost a scan). That
/// is enough for a fingerprint, because the sequence alone tells states apart. Forgetting
/// a user lowers it everywhere to the newest time still stored (`forgetDeletedTimestamps`).
enum WriteLog {
    /// The state after the last logged write, `.empty` for a store never written.
    static func latest(_ db: SQLiteConnection) throws -> StoreFingerprint {
        let query = try db.statement(
            "SELECT seq, rating_count, max_timestamp FROM rating_writes ORDER BY seq DESC LIMIT 1")
        defer { query.reset() }
        guard try query.step() else { return .empty }
        return StoreFingerprint(count: Int(query.int64(1)), maxTimestamp: query.int64(2), sequence: query.int64(0))
    }

    /// Logs a write inside its transaction; a write that changed nothing is not logged,
    /// so replays leave the fingerprint as it was.
    static func record(changed: Int, count: Int, maxTimestamp: Int64, _ db: SQLiteConnection) throws {
        guard changed > 0 else { return }
        let insert = try db.statement("""
            INSERT INTO rating_writes(changed, rating_count, max_timestamp, written_at)
            VALUES (?1, ?2, ?3, CAST(strftime('%s','now') AS INTEGER))
            """)
        try insert.bind(1, Int64(changed))
        try insert.bind(2, Int64(count))
        try insert.bind(3, maxTimestamp)
        try insert.run()
    }

    /// Logs the deletion of `deleted` ratings inside its transaction (nothing when 0): the
    /// count drops by that many, the newest timestamp stays.
    static func recordDeletion(of deleted: Int, _ db: SQLiteConnection) throws {
        let before = try latest(db)
        try record(changed: deleted, count: before.count - deleted, maxTimestamp: before.maxTimestamp, db)
    }

    /// Lowers every logged newest timestamp to the newest one still stored: after a user is
    /// forgotten, the log must not keep the time of one of their ratings (one scan of the
    /// ratings, once per forget, which rewrites the file anyway).
    static func forgetDeletedTimestamps(_ db: SQLiteConnection) throws {
        try db.execute("""
            UPDATE rating_writes SET max_timestamp = (SELECT COALESCE(MAX(timestamp), 0) FROM ratings)
            WHERE max_timestamp > (SELECT COALESCE(MAX(timestamp), 0) FROM ratings)
            """)
    }

    /// Rows changed by writes logged after sequence number `sequence`.
    static func changes(since sequence: Int64, _ db: SQLiteConnection) throws -> Int {
        let query = try db.statement("SELECT COALESCE(SUM(changed), 0) FROM rating_writes WHERE seq > ?1")
        defer { query.reset() }
        try query.bind(1, sequence)
        return try query.step() ? Int(query.int64(0)) : 0
    }
}
