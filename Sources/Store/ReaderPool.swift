import Foundation

/// Read connections for a WAL database, lent one thread at a time. WAL lets readers run
/// concurrently with each other and with the single writer, each seeing the last
/// commit as of its transaction's start. Connections are opened on demand and up to
/// `maxIdle` are kept for reuse.
final class ReaderPool: @unchecked Sendable {
    private let path: String
    private let maxIdle: Int
    private let lock = NSLock()
    private var idle: [SQLiteConnection] = []

    init(path: String, maxIdle: Int) {
        self.path = path
        self.maxIdle = maxIdle
    }

    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> SQLiteConnection {
        if let reused = lock.withLock({ idle.popLast() }) { return reused }
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA query_only = ON")
        return connection
    }

    private func checkIn(_ connection: SQLiteConnection) {
        lock.withLock {
            if idle.count < maxIdle { idle.append(connection) }
        }
    }
}
