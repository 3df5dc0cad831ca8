import Ratings

/// The rating upsert for bulk imports, `rowsPerStatement` rows per execution: one
/// multi-row `INSERT … VALUES (…), (…) ON CONFLICT …` amortises SQLite's per-statement
/// work (cursor set-up, reset, halt), which dominated a one-row-per-step import. A
/// partial batch at the end runs through the one-row statement.
struct BatchUpsert {
    static let rowsPerStatement = 128

    private let db: SQLiteConnection
    private let batch: SQLiteStatement
    private var single: RatingWriter
    private var pending = 0
    private var pendingRows: [Rating] = []
    private(set) var changedInBatches = 0
    /// Newest timestamp among the rows given, changed or not.
    private(set) var maxTimestamp: Int64 = .min

    init(_ db: SQLiteConnection) throws {
        self.db = db
        let placeholders = (0..<Self.rowsPerStatement).map { row in
            let base = row * 4
            return "(?\(base + 1), ?\(base + 2), ?\(base + 3), ?\(base + 4))"
        }.joined(separator: ", ")
        batch = try db.statement("""
            INSERT INTO ratings(user, movie, rating, timestamp) VALUES \(placeholders)
            \(SQLiteRatingStore.upsertConflictClause)
            """)
        single = try RatingWriter(db)
        pendingRows.reserveCapacity(Self.rowsPerStatement)
    }

    /// Rows inserted or changed so far.
    var changed: Int { changedInBatches + single.changed }

    /// Queues a rating; the rows of one batch must be distinct (user, movie) pairs.
    mutating func write(_ rating: Rating) throws {
        let base = Int32(pending * 4)
        try batch.bind(base + 1, rating.user)
        try batch.bind(base + 2, rating.movie)
        try batch.bind(base + 3, Double(rating.value))
        try batch.bind(base + 4, rating.timestamp)
        pendingRows.append(rating)
        maxTimestamp = max(maxTimestamp, rating.timestamp)
        pending += 1
        if pending == Self.rowsPerStatement {
            try batch.run()
            changedInBatches += db.changes
            pending = 0
            pendingRows.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the rows of an incomplete batch one by one.
    mutating func flush() throws {
        for rating in pendingRows { _ = try single.write(rating) }
        pending = 0
        pendingRows.removeAll(keepingCapacity: true)
    }
}
