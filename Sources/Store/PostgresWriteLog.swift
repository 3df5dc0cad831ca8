/// The `rating_writes` table on PostgreSQL (see `WriteLog` for why it exists). Writers
/// hold the table lock taken by `PostgresRatingStore.write`, so "latest, then append"
/// cannot interleave between processes.
enum PostgresWriteLog {
    static func latest(_ db: PostgresConnection) throws -> StoreFingerprint {
        let rows = try db.query("SELECT seq, rating_count, max_timestamp FROM rating_writes ORDER BY seq DESC LIMIT 1")
        guard rows.rowCount > 0 else { return .empty }
        return StoreFingerprint(count: Int(rows.int64(0, 1)), maxTimestamp: rows.int64(0, 2), sequence: rows.int64(0, 0))
    }

    /// Logs a write inside its transaction; a write that changed nothing is not logged.
    static func record(changed: Int, count: Int, maxTimestamp: Int64, _ db: PostgresConnection) throws {
        guard changed > 0 else { return }
        try db.query("""
            INSERT INTO rating_writes(changed, rating_count, max_timestamp, written_at)
            VALUES ($1, $2, $3, extract(epoch FROM now())::bigint)
            """, [String(changed), String(count), String(maxTimestamp)])
    }

    /// Logs the deletion of `deleted` ratings (nothing when 0); see `WriteLog.recordDeletion`.
    static func recordDeletion(of deleted: Int, _ db: PostgresConnection) throws {
        let before = try latest(db)
        try record(changed: deleted, count: before.count - deleted, maxTimestamp: before.maxTimestamp, db)
    }

    /// See `WriteLog.forgetDeletedTimestamps`.
    static func forgetDeletedTimestamps(_ db: PostgresConnection) throws {
        try db.query("""
            UPDATE rating_writes SET max_timestamp = (SELECT COALESCE(MAX("timestamp"), 0) FROM ratings)
            WHERE max_timestamp > (SELECT COALESCE(MAX("timestamp"), 0) FROM ratings)
            """)
    }

    static func changes(since sequence: Int64, _ db: PostgresConnection) throws -> Int {
        Int(try db.scalar("SELECT COALESCE(SUM(changed), 0) FROM rating_writes WHERE seq > $1", [String(sequence)]))
    }
}
