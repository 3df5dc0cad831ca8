import Foundation

/// Opens the store a `--db` value names, so every command reaches either backend the
/// same way: a `postgres://` or `postgresql://` URI is PostgreSQL, anything else a
/// SQLite file.
public enum RatingStores {
    /// Opens (SQLite: creating if missing) and migrates the store at `location`.
    public static func open(_ location: String) throws -> any RatingStore {
        if PostgresLocation.isPostgres(location) {
            return try PostgresRatingStore(location: location)
        }
        return try SQLiteRatingStore(path: location)
    }

    /// Opens `location`, waiting while another process holds its write lock (a first import
    /// holds it for its whole run), so a server started beside an import serves once the
    /// import is done. `waiting` hears the reason once, when the wait begins.
    public static func open(_ location: String, poll: Duration = .seconds(1),
                            waitingWhileBusy waiting: (StoreError) -> Void) throws -> any RatingStore {
        var announced = false
        while true {
            do {
                return try open(location)
            } catch let error as StoreError {
                guard case .busy = error else { throw error }
                if !announced { waiting(error) }
                announced = true
                Thread.sleep(forTimeInterval: poll / .seconds(1))
            }
        }
    }

    /// How the store's servers coordinate: shared for PostgreSQL, local for SQLite.
    public static func coordinator(for store: any RatingStore) -> any ReplicaCoordinator {
        if let postgres = store as? PostgresRatingStore { return PostgresCoordinator(store: postgres) }
        return LocalCoordinator()
    }

    /// Whether there is something to open without creating it: a PostgreSQL location
    /// always counts (the server says whether it exists), a SQLite file must exist.
    public static func exists(_ location: String) -> Bool {
        PostgresLocation.isPostgres(location) || FileManager.default.fileExists(atPath: location)
    }

    /// `location` fit for logs: a PostgreSQL password is masked.
    public static func describe(_ location: String) -> String {
        PostgresLocation.redacted(location)
    }
}
