/// A model file recorded by the server that retrained it, so that servers sharing the
/// store and the model directory can find it.
public struct ModelVersion: Equatable, Sendable {
    /// Increases with every record: a larger id is a newer model.
    public var id: Int64
    /// File name inside the shared model directory.
    public var file: String
    /// The store's write sequence the model was trained at.
    public var storeSequence: Int64
    /// Seconds since 1970.
    public var createdAt: Int64

    public init(id: Int64, file: String, storeSequence: Int64, createdAt: Int64) {
        self.id = id
        self.file = file
        self.storeSequence = storeSequence
        self.createdAt = createdAt
    }
}

/// How the servers that share one store and one model directory agree on retraining:
/// exactly one retrains at a time, and the others learn of its new model.
///
/// Why a protocol: with SQLite there is only ever one server, so `LocalCoordinator`
/// grants every lease and records nothing; with PostgreSQL, `PostgresCoordinator` uses
/// a session advisory lock (released by the server when its holder dies) and the
/// `model_versions` table.
public protocol ReplicaCoordinator: AnyObject, Sendable {
    /// Whether other processes may write the store and the model directory, so caches
    /// must check the store and the newest recorded model must be polled.
    var isShared: Bool { get }

    /// Runs `body` while holding the retraining lease and returns its result; returns nil
    /// at once, without running it, when another process holds the lease.
    func withRetrainingLease<T>(_ body: () throws -> T) throws -> T?

    /// Records a model file written into the shared directory; returns its id.
    @discardableResult
    func recordModel(file: String, storeSequence: Int64, createdAt: Int64) throws -> Int64

    /// The newest recorded model, nil when none was recorded. Cheap: polled every few
    /// seconds by every server.
    func latestModel() throws -> ModelVersion?
}

/// The coordinator of a store that one process owns (SQLite): every lease is granted
/// (the model manager's own lock keeps retraining to one at a time), nothing is recorded.
public final class LocalCoordinator: ReplicaCoordinator {
    public init() {}

    public var isShared: Bool { false }

    public func withRetrainingLease<T>(_ body: () throws -> T) throws -> T? {
        try body()
    }

    @discardableResult
    public func recordModel(file: String, storeSequence: Int64, createdAt: Int64) throws -> Int64 { 0 }

    public func latestModel() throws -> ModelVersion? { nil }
}
