import CSQLite
import Foundation
import Ratings

/// `RatingStore` on SQLite in WAL mode.
///
/// Threads: all writes go through one writer connection guarded by a lock (SQLite
/// allows one writer at a time anyway), and concurrent `add` calls are batched into
/// group commits (one transaction and one fsync per group, see `GroupCommit`), as are
/// concurrent `forgetUser` calls (one rewrite of the file per group); reads borrow a
/// connection from a small pool and run concurrently with each other and with the writer. An in-memory database
/// (`:memory:`) exists only on its one connection, so there reads also take the writer.
///
/// Durability: the writer runs with `synchronous = FULL` by default (`Durability.full`),
/// so once `add` returns the rating survives `kill -9` and power loss. Imports are one
/// big transaction; see `importDataset` for the setting it uses.
public final class SQLiteRatingStore: RatingStore, @unchecked Sendable {
    public let path: String
    public let durability: Durability
    let writer: SQLiteConnection
    let writeLock = NSLock()
    private let readers: ConnectionPool<SQLiteConnection>?
    let isInMemory: Bool
    /// Concurrent `add` calls, batched into one transaction per group.
    let ratingCommits = GroupCommit<[Rating], WriteSummary>()
    /// Concurrent `forgetUser` calls, batched so that one rewrite of the file serves them all.
    let forgets = GroupCommit<Int64, ForgetOutcome>()

    /// Opens or creates the database at `path` (`:memory:` for a private in-memory
    /// one), switches it to WAL and applies pending migrations.
    public init(path: String, durability: Durability = .full, maxIdleReaders: Int = 4) throws {
        self.path = path
        self.durability = durability
        writer = try SQLiteConnection(path: path)
        let inMemory = path == ":memory:" || path.isEmpty
        isInMemory = inMemory
        do {
            if !inMemory {
                try writer.execute("PRAGMA journal_mode = WAL")
                // Keep the WAL from staying gigabytes large after a bulk import.
                try writer.execute("PRAGMA journal_size_limit = 67108864")
            }
            try writer.execute("PRAGMA synchronous = \(durability.rawValue)")
            // Deleted rows and freed pages are overwritten with zeros, not only unlinked.
            try writer.execute("PRAGMA secure_delete = ON")
            try Migrator.migrate(writer, Schema.migrations)
        } catch let error as SQLiteError where error.code & 0xFF == SQLITE_BUSY {
            throw StoreError.busy(location: path)
        }
        readers = inMemory ? nil : ConnectionPool(maxIdle: maxIdleReaders) {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("PRAGMA query_only = ON")
            return connection
        }
    }

    /// Group commits of `add` so far: transactions and the calls they carried.
    public var groupCommitStatistics: (groups: Int, requests: Int) { ratingCommits.statistics }

    /// Runs `body` in a write transaction on the writer connection, under the lock.
    func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writeLock.withLock {
            try writer.transaction { try body(writer) }
        }
    }

    /// Runs `body`, a single query, without an explicit transaction: SQLite reads one
    /// statement from one snapshot by itself, and a BEGIN and COMMIT around it cost about
    /// as much as the user's ratings on the request path.
    func readOne<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        guard let readers else { return try writeLock.withLock { try body(writer) } }
        return try readers.withConnection { try body($0) }
    }

    /// Runs `body` in a read transaction, so that several queries see one state.
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        guard let readers else {
            return try writeLock.withLock { try writer.transaction(immediate: false) { try body(writer) } }
        }
        return try readers.withConnection { connection in
            try connection.transaction(immediate: false) { try body(connection) }
        }
    }
}
