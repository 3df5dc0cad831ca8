import Foundation
import PostgresTestSupport
import Ratings
import Testing
@testable import Store

/// The backends the shared store tests run against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// One store under test with a scratch directory for dataset files, and what a test
/// needs that the protocol does not offer (the import's chunk size, raw SQL).
final class StoreFixture {
    let kind: StoreKind
    let store: any RatingStore
    /// The SQLite file or the PostgreSQL URL: a second `open` reaches the same data.
    let location: String
    let temp: TempDatabase

    private init(kind: StoreKind, location: String, temp: TempDatabase) throws {
        self.kind = kind
        self.location = location
        self.temp = temp
        store = try RatingStores.open(location)
    }

    /// Another store on the same data, as a second server process would have.
    func reopen() throws -> any RatingStore {
        try RatingStores.open(location)
    }

    func importDataset(at directory: String, chunkSize: Int) throws -> ImportSummary {
        let reader = try openDataset(at: directory)
        switch store {
        case let sqlite as SQLiteRatingStore: return try sqlite.importDataset(reader, chunkSize: chunkSize, progress: nil)
        case let postgres as PostgresRatingStore: return try postgres.importDataset(reader, chunkSize: chunkSize, progress: nil)
        default: throw FixtureError(description: "no chunked import for \(type(of: store))")
        }
    }

    /// Makes the database itself reject any rating of movie 666 with the message
    /// "movie 666 rejected": a database error in the middle of a write.
    func rejectMovie666() throws {
        switch kind {
        case .sqlite:
            try SQLiteConnection(path: location).execute("""
                CREATE TRIGGER reject_666 BEFORE INSERT ON ratings WHEN NEW.movie = 666
                BEGIN SELECT RAISE(ABORT, 'movie 666 rejected'); END
                """)
        case .postgres:
            try PostgresConnection(location).execute("""
                CREATE FUNCTION reject_666() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.movie = 666 THEN RAISE EXCEPTION 'movie 666 rejected'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER reject_666 BEFORE INSERT ON ratings FOR EACH ROW EXECUTE FUNCTION reject_666();
                """)
        }
    }

    /// The names of the `ratings` table's secondary indexes, from the database's catalogue.
    func ratingsIndexes() throws -> [String] {
        switch kind {
        case .sqlite:
            let connection = try SQLiteConnection(path: location)
            let query = try connection.statement("""
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL ORDER BY name
                """)
            var names: [String] = []
            while try query.step() { names.append(query.text(0) ?? "") }
            return names
        case .postgres:
            let rows = try PostgresConnection(location).query(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'ratings' AND indexname <> 'ratings_pkey' ORDER BY indexname")
            return (0..<rows.rowCount).map { rows.text($0, 0) ?? "" }
        }
    }

    /// The message of a database error of either backend, nil for other errors.
    static func databaseMessage(_ error: any Error) -> String? {
        switch error {
        case let error as SQLiteError: return error.message
        case let error as PostgresError: return error.message
        default: return nil
        }
    }

    /// Runs `body` with a fresh store of `kind`. Without PostgreSQL server binaries the
    /// PostgreSQL case fails under `CI=true` and is recorded as a known issue otherwise,
    /// so it is never silently passed.
    static func with(_ kind: StoreKind, _ body: (StoreFixture) throws -> Void) throws {
        let temp = try TempDatabase()
        switch kind {
        case .sqlite:
            try body(try StoreFixture(kind: kind, location: temp.path, temp: temp))
        case .postgres:
            switch TemporaryPostgres.shared() {
            case let .success(server):
                try body(try StoreFixture(kind: kind, location: try server.newDatabase(), temp: temp))
            case let .failure(unavailable):
                let message = "PostgreSQL store tests cannot run: \(unavailable)"
                if TemporaryPostgres.isRequired { throw FixtureError(description: message + " (CI=true requires them)") }
                withKnownIssue(Comment(rawValue: message)) { throw unavailable }
            }
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}
