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
