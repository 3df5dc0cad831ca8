import Foundation
import Ratings
import Testing
@testable import Store

/// A first import runs through a rollback journal (see `bulkWrite`); whatever happens, the
/// store must be back in WAL afterwards and hold all of the import or none of it.
@Suite struct ImportJournalTests {
    private static func journalMode(_ store: SQLiteRatingStore) throws -> String? {
        let pragma = try store.writer.statement("PRAGMA journal_mode")
        defer { pragma.reset() }
        return try pragma.step() ? pragma.text(0) : nil
    }

    private static func dataset(_ temp: TempDatabase, _ lines: String) throws -> any DatasetReader {
        try FileManager.default.createDirectory(atPath: temp.directory + "/data", withIntermediateDirectories: true)
        try temp.write("data/u.data", lines)
        return try openDataset(at: temp.directory + "/data")
    }

    @Test func firstImportCommitsAndReturnsToWAL() throws {
        let temp = try TempDatabase()
        let store = try SQLiteRatingStore(path: temp.path)
        let summary = try store.importDataset(try Self.dataset(temp, "1\t10\t4\t100\n2\t11\t3\t200\n"), progress: nil)
        #expect(summary.ratings.inserted == 2)
        #expect(try Self.journalMode(store) == "wal")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "-journal"))
        let reopened = try SQLiteRatingStore(path: temp.path)
        #expect(try reopened.ratingCount() == 2)
    }

    @Test func failedFirstImportLeavesAnEmptyStoreInWAL() throws {
        let temp = try TempDatabase()
        let store = try SQLiteRatingStore(path: temp.path)
        #expect(throws: DatasetError.self) {
            try store.importDataset(try Self.dataset(temp, "1\t10\t4\t100\n1\tx\t4\t100\n"), progress: nil)
        }
        #expect(try Self.journalMode(store) == "wal")
        #expect(try store.ratingCount() == 0)
    }

    @Test func importWhileAnotherConnectionReadsStaysInWAL() throws {
        let temp = try TempDatabase()
        let store = try SQLiteRatingStore(path: temp.path)
        let other = try SQLiteRatingStore(path: temp.path)
        #expect(try other.ratingCount() == 0)
        let summary = try store.importDataset(try Self.dataset(temp, "1\t10\t4\t100\n"), progress: nil)
        #expect(summary.ratings.inserted == 1)
        #expect(try Self.journalMode(store) == "wal")
        #expect(try other.ratingCount() == 1)
    }
}

/// A store opened while another process holds the write lock, as a first import does for its
/// whole run: opening says so by name, and `serve`'s way of opening waits it out.
@Suite struct BusyStoreTests {
    /// The database at `path` locked the way a first import locks it: rollback journal, one
    /// exclusive transaction.
    private static func lockLikeAnImport(_ path: String) throws -> SQLiteConnection {
        let importer = try SQLiteConnection(path: path)
        try importer.execute("PRAGMA journal_mode = delete")
        try importer.execute("BEGIN EXCLUSIVE")
        return importer
    }

    @Test func openingALockedStoreNamesTheLock() throws {
        let temp = try TempDatabase()
        _ = try SQLiteRatingStore(path: temp.path)
        let importer = try Self.lockLikeAnImport(temp.path)
        let started = Date()
        #expect(throws: StoreError.busy(location: temp.path)) { try SQLiteRatingStore(path: temp.path) }
        #expect(Date().timeIntervalSince(started) >= 4.5, "SQLite waited out its busy timeout first")
        try importer.execute("COMMIT")
        #expect(try SQLiteRatingStore(path: temp.path).ratingCount() == 0)
    }

    @Test func servingOpenWaitsForTheImportToFinish() throws {
        let temp = try TempDatabase()
        _ = try SQLiteRatingStore(path: temp.path)
        let importer = try Self.lockLikeAnImport(temp.path)
        try importer.execute("INSERT INTO movies (id, title) VALUES (7, 'Imported')")
        final class Heard: @unchecked Sendable { var reasons: [StoreError] = [] }
        let heard = Heard()
        let finished = DispatchSemaphore(value: 0)
        // past SQLite's own 5 s busy timeout, so the open gives up once and waits
        DispatchQueue.global().asyncAfter(deadline: .now() + 5.6) {
            try? importer.execute("COMMIT")
            finished.signal()
        }
        let store = try RatingStores.open(temp.path, poll: .milliseconds(50)) { heard.reasons.append($0) }
        finished.wait()
        #expect(heard.reasons == [.busy(location: temp.path)], "told once why it waits")
        #expect(try store.movies().map(\.id) == [7], "opened after the import, seeing its rows")
    }
}
