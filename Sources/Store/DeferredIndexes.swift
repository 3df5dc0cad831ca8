/// The secondary indexes of one table, dropped before a bulk load into it and rebuilt
/// after the rows are in, inside the load's transaction (so a failed load rolls the drop
/// back too).
///
/// Why: an import writes ratings in key order, (user, movie), which is random order for an
/// index by movie; maintaining `ratings_by_movie` row by row made a 5M-row import into an
/// empty store 8× slower (1.49M → 0.18M rows/s), while `CREATE INDEX` over the loaded table
/// sorts once. The definitions are read back from `sqlite_master`, so the rebuilt indexes
/// are exactly the ones the migrations created.
struct DeferredIndexes {
    /// The `CREATE INDEX` statements of the dropped indexes.
    private let definitions: [String]

    /// Drops every index of `table` made by `CREATE INDEX` (not the primary key).
    static func drop(on table: String, _ db: SQLiteConnection) throws -> DeferredIndexes {
        let query = try db.statement(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")
        try query.bind(1, table)
        var indexes: [(name: String, sql: String)] = []
        while try query.step() {
            if let name = query.text(0), let sql = query.text(1) { indexes.append((name, sql)) }
        }
        query.reset() // a read of the schema still running would refuse the DROP
        for index in indexes {
            try db.execute("DROP INDEX \"\(index.name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return DeferredIndexes(definitions: indexes.map(\.sql))
    }

    /// Recreates the dropped indexes over the table as it is now.
    ///
    /// `CREATE INDEX` sorts in runs as large as the page cache: the import's 256 MB cache
    /// made one run whose merge sort missed the CPU caches (5.8 s for 5M rows), 4 MB runs
    /// merged took 3.7 s, and 2.6–3.1 s with a second thread sorting runs. The connection's
    /// settings are restored after.
    func rebuild(_ db: SQLiteConnection) throws {
        let cacheSize = try db.scalar("PRAGMA cache_size"), threads = try db.scalar("PRAGMA threads")
        try db.execute("PRAGMA cache_size = -4096; PRAGMA threads = 2")
        defer { try? db.execute("PRAGMA cache_size = \(cacheSize); PRAGMA threads = \(threads)") }
        for sql in definitions { try db.execute(sql) }
    }
}
