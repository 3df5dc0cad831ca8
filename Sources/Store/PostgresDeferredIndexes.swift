/// The secondary indexes of one table on PostgreSQL, dropped before a bulk load and
/// rebuilt after it inside the load's transaction (see `DeferredIndexes` for why). The
/// definitions come from the catalogue (`pg_get_indexdef`); the primary key and other
/// constraint indexes stay.
///
/// `DROP INDEX` takes an exclusive lock on the table until the transaction ends, so
/// readers of the table wait for the load: used only for an import into an empty store,
/// where there is nothing to read yet.
struct PostgresDeferredIndexes {
    /// The `CREATE INDEX` statements of the dropped indexes.
    private let definitions: [String]

    static func drop(on table: String, _ db: PostgresConnection) throws -> PostgresDeferredIndexes {
        let rows = try db.query("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = $1::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, [table])
        var definitions: [String] = []
        for row in 0..<rows.rowCount {
            guard let name = rows.text(row, 0), let definition = rows.text(row, 1) else { continue }
            try db.execute("DROP INDEX \(name)")
            definitions.append(definition)
        }
        return PostgresDeferredIndexes(definitions: definitions)
    }

    /// Recreates the dropped indexes over the table as it is now.
    func rebuild(_ db: PostgresConnection) throws {
        for sql in definitions { try db.execute(sql) }
    }
}
