extension PostgresRatingStore {
    public func deleteRating(user: Int64, movie: Int64) throws -> Bool {
        try write { db in
            let rows = try db.query(#"DELETE FROM ratings WHERE "user" = $1 AND movie = $2 RETURNING 1"#,
                                    [String(user), String(movie)])
            guard rows.rowCount > 0 else { return false }
            try PostgresWriteLog.recordDeletion(of: 1, db)
            return true
        }
    }

    /// A plain `DELETE` in one transaction that holds the write-log lock. Unlike SQLite,
    /// nothing is overwritten: the deleted rows stay in the table's files as dead tuples
    /// until VACUUM reclaims the space (and even then until it is reused), and in the
    /// server's WAL segments, archives and backups. This store does not promise secure
    /// deletion.
    public func forgetUser(_ user: Int64) throws -> ForgetOutcome {
        let id = String(user)
        return try write { db in
            let deleted = Int(try db.scalar(
                #"WITH gone AS (DELETE FROM ratings WHERE "user" = $1 RETURNING 1) SELECT count(*) FROM gone"#, [id]))
            let hadProfile = try db.query("DELETE FROM users WHERE id = $1 RETURNING 1", [id]).rowCount > 0
            guard deleted > 0 || hadProfile else {
                return try db.query("SELECT 1 FROM forgotten_users WHERE id = $1", [id]).rowCount > 0 ? .alreadyForgotten : .unknown
            }
            try PostgresWriteLog.recordDeletion(of: deleted, db)
            try PostgresWriteLog.forgetDeletedTimestamps(db)
            try db.query("""
                INSERT INTO forgotten_users(id, sequence, forgotten_at) VALUES ($1, $2, extract(epoch FROM now())::bigint)
                ON CONFLICT (id) DO UPDATE SET sequence = EXCLUDED.sequence, forgotten_at = EXCLUDED.forgotten_at
                """, [id, String(try PostgresWriteLog.latest(db).sequence)])
            return .forgotten(ratings: deleted)
        }
    }

    public func forgottenUsers(since sequence: Int64) throws -> Set<Int64> {
        try read { db in
            let rows = try db.query("SELECT id FROM forgotten_users WHERE sequence > $1", [String(sequence)])
            return Set((0..<rows.rowCount).map { rows.int64($0, 0) })
        }
    }
}
