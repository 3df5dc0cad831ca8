/// Applies pending migrations to a PostgreSQL database in one transaction that first
/// takes a transaction-level advisory lock, so replicas starting together apply each
/// migration exactly once: the first to get the lock migrates, the others wait for its
/// commit and then find nothing left to do. DDL is transactional in PostgreSQL, so a
/// crash leaves the schema at a recorded version, never half-way.
enum PostgresMigrator {
    static func migrate(_ connection: PostgresConnection, _ migrations: [Migration]) throws {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock($1, $2)",
                                 [String(AdvisoryLock.namespace), String(AdvisoryLock.migrations)])
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations(
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL)
                """)
            for migration in try Migration.pending(migrations, applied: try appliedMigrations(connection)) {
                try connection.execute(migration.postgres)
                try connection.query("""
                    INSERT INTO schema_migrations(version, name, applied_at)
                    VALUES ($1, $2, extract(epoch FROM now())::bigint)
                    """, [String(migration.version), migration.name])
            }
        }
    }

    static func appliedMigrations(_ connection: PostgresConnection) throws -> [Int: String] {
        let rows = try connection.query("SELECT version, name FROM schema_migrations")
        var applied: [Int: String] = [:]
        for row in 0..<rows.rowCount {
            applied[Int(rows.int64(row, 0))] = rows.text(row, 1) ?? ""
        }
        return applied
    }
}

/// movierec's advisory lock keys (`pg_advisory_lock(namespace, key)`), one namespace so
/// they do not collide with other applications sharing the database.
enum AdvisoryLock {
    /// "mr" in ASCII.
    static let namespace: Int32 = 0x6D72
    /// Held by the transaction that applies migrations.
    static let migrations: Int32 = 1
    /// Held for a whole retraining on a dedicated session (see `PostgresCoordinator`).
    static let retraining: Int32 = 2
}
