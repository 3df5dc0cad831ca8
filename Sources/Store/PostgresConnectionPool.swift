import Foundation

/// Connections to one PostgreSQL database, lent one thread at a time. Opened on
/// demand; up to `maxIdle` are kept for reuse. A connection whose server link broke is
/// closed instead of returned, so a restarted server costs one failed request per
/// pooled connection at most, not a stuck pool.
final class PostgresConnectionPool: @unchecked Sendable {
    let location: String
    private let maxIdle: Int
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []

    init(location: String, maxIdle: Int) {
        self.location = location
        self.maxIdle = maxIdle
    }

    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> PostgresConnection {
        if let reused = lock.withLock({ idle.popLast() }) { return reused }
        return try PostgresConnection(location)
    }

    private func checkIn(_ connection: PostgresConnection) {
        guard !connection.isBroken else { return }
        lock.withLock {
            if idle.count < maxIdle { idle.append(connection) }
        }
    }
}
