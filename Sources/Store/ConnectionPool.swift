import Foundation

/// Database connections lent one thread at a time: opened on demand by `open`, and up to
/// `maxIdle` kept for reuse. A connection `isReusable` rejects (a PostgreSQL link that
/// broke) is closed instead of returned, so a restarted server costs one failed request per
/// pooled connection at most, not a stuck pool. The SQLite store lends its WAL readers from
/// one (each sees the last commit as of its transaction's start), the PostgreSQL store every
/// connection.
final class ConnectionPool<Connection>: @unchecked Sendable {
    private let open: () throws -> Connection
    private let isReusable: (Connection) -> Bool
    private let maxIdle: Int
    private let lock = NSLock()
    private var idle: [Connection] = []

    init(maxIdle: Int, isReusable: @escaping (Connection) -> Bool = { _ in true }, open: @escaping () throws -> Connection) {
        self.maxIdle = maxIdle
        self.isReusable = isReusable
        self.open = open
    }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> Connection {
        if let reused = lock.withLock({ idle.popLast() }) { return reused }
        return try open()
    }

    private func checkIn(_ connection: Connection) {
        guard isReusable(connection) else { return }
        lock.withLock {
            if idle.count < maxIdle { idle.append(connection) }
        }
    }
}
