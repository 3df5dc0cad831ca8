import Foundation
import Ratings

/// `RatingStore` on PostgreSQL, through libpq: the store that several `movierec serve`
/// processes can share.
///
/// Threads and processes: each call borrows a connection from a small pool, so reads
/// run in parallel; concurrent `add` calls of one process are batched into group commits
/// (see `GroupCommit`), as with SQLite. Writers of different processes are serialised on
/// the write log (`LOCK TABLE rating_writes`), which keeps its sequence numbers in
/// commit order and its counts exact, the same guarantee SQLite's single writer gives.
///
/// Durability: every connection runs with `synchronous_commit = on`, so once `add`
/// returns the server has flushed the commit to its WAL: an acknowledged rating survives
/// a crash of the server (and of the client, trivially).
public final class PostgresRatingStore: RatingStore, @unchecked Sendable {
    /// The connection string or URI (may hold a password: print `redactedLocation`).
    public let location: String
    let pool: ConnectionPool<PostgresConnection>
    /// Concurrent `add` calls, batched into one transaction per group.
    let ratingCommits = GroupCommit<[Rating], WriteSummary>()

    /// Connects to `location` (a libpq connection string or `postgres://` URI) and
    /// applies pending migrations. Connections open on demand, one per concurrent caller
    /// (`serve --threads` bounds those); `maxIdleConnections` stay open for reuse.
    public init(location: String, maxIdleConnections: Int = 32) throws {
        self.location = location
        pool = ConnectionPool(maxIdle: maxIdleConnections, isReusable: { !$0.isBroken }) { try PostgresConnection(location) }
        try pool.withConnection { try PostgresMigrator.migrate($0, Schema.migrations) }
    }

    public var redactedLocation: String { PostgresLocation.redacted(location) }

    /// Group commits of `add` so far: transactions and the calls they carried.
    public var groupCommitStatistics: (groups: Int, requests: Int) { ratingCommits.statistics }

    /// Runs `body` in a read-write transaction that holds the write-log lock.
    func write<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try connection.transaction {
                try connection.execute("LOCK TABLE rating_writes IN SHARE ROW EXCLUSIVE MODE")
                return try body(connection)
            }
        }
    }

    /// Runs `body` on one connection outside any explicit transaction (each statement
    /// sees the latest commits).
    func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    /// Runs `body` in a repeatable-read, read-only transaction: every query sees the
    /// same instant.
    func readConsistent<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(connection) }
        }
    }
}
