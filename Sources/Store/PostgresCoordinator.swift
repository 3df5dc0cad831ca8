/// `ReplicaCoordinator` for servers sharing one PostgreSQL database.
///
/// The retraining lease is a session-level advisory lock taken with
/// `pg_try_advisory_lock` on a connection opened for that lease alone and closed after:
/// if the holder dies mid-training its connection drops and the server releases the
/// lock, so a crashed retrainer never blocks the others. Model versions are rows of
/// `model_versions`; the newest is one primary-key read.
public final class PostgresCoordinator: ReplicaCoordinator, @unchecked Sendable {
    private let store: PostgresRatingStore

    public init(store: PostgresRatingStore) {
        self.store = store
    }

    public var isShared: Bool { true }

    public func withRetrainingLease<T>(_ body: () throws -> T) throws -> T? {
        let session = try PostgresConnection(store.location)
        let key = [String(AdvisoryLock.namespace), String(AdvisoryLock.retraining)]
        guard try session.query("SELECT pg_try_advisory_lock($1, $2)", key).bool(0, 0) else { return nil }
        defer { _ = try? session.query("SELECT pg_advisory_unlock($1, $2)", key) }
        return try body()
    }

    @discardableResult
    public func recordModel(file: String, storeSequence: Int64, createdAt: Int64) throws -> Int64 {
        try store.read { db in
            try db.query("""
                INSERT INTO model_versions(file, store_sequence, created_at) VALUES ($1, $2, $3) RETURNING id
                """, [file, String(storeSequence), String(createdAt)]).int64(0, 0)
        }
    }

    public func latestModel() throws -> ModelVersion? {
        try store.read { db in
            let rows = try db.query("SELECT id, file, store_sequence, created_at FROM model_versions ORDER BY id DESC LIMIT 1")
            guard rows.rowCount > 0 else { return nil }
            return ModelVersion(id: rows.int64(0, 0), file: rows.text(0, 1) ?? "", storeSequence: rows.int64(0, 2),
                                createdAt: rows.int64(0, 3))
        }
    }
}
