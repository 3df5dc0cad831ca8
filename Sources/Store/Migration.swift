/// One named, versioned schema change. Versions are applied in increasing order, each
/// exactly once, recorded in `schema_migrations` together with its name. Both stores
/// share the versions, names, tables and columns; only the dialect differs (`sql` for
/// SQLite, `postgres` for PostgreSQL, where `user` and `timestamp` need quoting).
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
    let postgres: String

    /// The migrations of `known` not yet in `applied` (version → name, as recorded), in
    /// version order. A recorded version this build does not know, or knows by another name,
    /// is an error: the database was migrated by a different movierec.
    static func pending(_ known: [Migration], applied: [Int: String]) throws -> [Migration] {
        let names = Dictionary(uniqueKeysWithValues: known.map { ($0.version, $0.name) })
        for (version, name) in applied.sorted(by: { $0.key < $1.key }) {
            guard let expected = names[version] else { throw StoreError.unknownMigration(version: version, name: name) }
            guard expected == name else {
                throw StoreError.migrationMismatch(version: version, expected: expected, found: name)
            }
        }
        return known.filter { applied[$0.version] == nil }.sorted { $0.version < $1.version }
    }
}

/// Applies pending migrations in one write transaction each, so that a crash leaves
/// the schema at a recorded version, never half-way.
enum Migrator {
    static func migrate(_ connection: SQLiteConnection, _ migrations: [Migration]) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations(
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL)
            """)
        try connection.transaction {
            let pending = try Migration.pending(migrations, applied: try appliedMigrations(connection))
            let record = try connection.statement(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER))")
            for migration in pending {
                try connection.execute(migration.sql)
                record.reset()
                try record.bind(1, Int64(migration.version))
                try record.bind(2, migration.name)
                try record.run()
            }
        }
    }

    static func appliedMigrations(_ connection: SQLiteConnection) throws -> [Int: String] {
        let query = try connection.statement("SELECT version, name FROM schema_migrations")
        defer { query.reset() }
        var applied: [Int: String] = [:]
        while try query.step() {
            applied[Int(query.int64(0))] = query.text(1) ?? ""
        }
        return applied
    }
}
