import Foundation
import Ratings
import Testing
@testable import Store

private func rating(_ user: Int64, _ movie: Int64, _ value: Float, _ time: Int64) -> Rating {
    Rating(user: user, movie: movie, value: value, timestamp: time)
}

@Test func migrationsApplyOnceAndReopeningKeepsData() throws {
    let temp = try TempDatabase()
    do {
        let store = try SQLiteRatingStore(path: temp.path)
        try store.add([rating(1, 10, 4, 100)])
        try store.upsert(movies: [Movie(id: 10, title: "Café, Le (1995)", year: 1995, genres: ["Drama", "Comedy"])])
    }
    let reopened = try SQLiteRatingStore(path: temp.path)
    #expect(try reopened.ratingCount() == 1)
    #expect(try reopened.movie(id: 10) == Movie(id: 10, title: "Café, Le (1995)", year: 1995, genres: ["Drama", "Comedy"]))
    let applied = try reopened.read { db in try Migrator.appliedMigrations(db) }
    #expect(applied == [1: "create movies, users, ratings, rating_writes"])
    try Migrator.migrate(reopened.writer, Schema.migrations)
    #expect(try reopened.read { db in try Migrator.appliedMigrations(db) }.count == 1)
}

@Test func unknownMigrationInDatabaseIsRefused() throws {
    let temp = try TempDatabase()
    _ = try SQLiteRatingStore(path: temp.path)
    let raw = try SQLiteConnection(path: temp.path)
    try raw.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 0)")
    #expect(throws: StoreError.unknownMigration(version: 99, name: "from the future")) {
        try SQLiteRatingStore(path: temp.path)
    }
}

@Test func newestTimestampWinsAndReplaysChangeNothing() throws {
    let store = try SQLiteRatingStore(path: ":memory:")
    #expect(try store.add([rating(1, 10, 4, 100)]) == WriteSummary(inserted: 1))
    #expect(try store.add([rating(1, 10, 2, 50)]) == WriteSummary(unchanged: 1))
    #expect(try store.add([rating(1, 10, 4, 100)]) == WriteSummary(unchanged: 1))
    let before = try store.fingerprint()
    #expect(try store.add([rating(1, 10, 5, 100)]) == WriteSummary(updated: 1))
    #expect(try store.add([rating(1, 10, 3, 200)]) == WriteSummary(updated: 1))
    #expect(try store.history(user: 1, limit: 10) == [rating(1, 10, 3, 200)])
    #expect(try store.changes(since: before) == 2)
    #expect(try store.fingerprint() == StoreFingerprint(count: 1, maxTimestamp: 200, sequence: 3))
}

@Test func offScaleRatingRejectsTheWholeBatch() throws {
    let store = try SQLiteRatingStore(path: ":memory:")
    #expect(throws: StoreError.ratingOffScale(user: 2, movie: 11, value: 5.5)) {
        try store.add([rating(1, 10, 4, 100), rating(2, 11, 5.5, 100)])
    }
    #expect(try store.ratingCount() == 0)
}

@Test func historyIsTheNewestRatingsInChronologicalOrder() throws {
    let store = try SQLiteRatingStore(path: ":memory:")
    try store.add([rating(1, 10, 4, 300), rating(1, 11, 3, 100), rating(1, 12, 5, 200),
                   rating(1, 13, 1, 200), rating(2, 10, 2, 999)])
    #expect(try store.history(user: 1, limit: 3).map(\.movie) == [12, 13, 10])
    #expect(try store.history(user: 1, limit: 10).map(\.movie) == [11, 12, 13, 10])
    #expect(try store.history(user: 3, limit: 10).isEmpty)
    #expect(try store.ratedMovies(user: 1) == [10, 11, 12, 13])
}

@Test func snapshotCarriesAMatchingFingerprint() throws {
    let temp = try TempDatabase()
    let store = try SQLiteRatingStore(path: temp.path)
    try store.add([rating(2, 10, 4, 300), rating(1, 11, 3, 100)])
    let snapshot = try store.snapshot()
    #expect(snapshot.ratings == [rating(1, 11, 3, 100), rating(2, 10, 4, 300)])
    #expect(snapshot.fingerprint == StoreFingerprint(count: 2, maxTimestamp: 300, sequence: 1))
    try store.add([rating(3, 10, 4, 50)])
    #expect(try store.changes(since: snapshot.fingerprint) == 1)
    #expect(try store.fingerprint() != snapshot.fingerprint)
}

@Test func importIsAtomicAndIdempotent() throws {
    let temp = try TempDatabase()
    let data = temp.directory + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    // (1, 10) three times out of time order; (2, 11) twice at the same time: the later line wins.
    try temp.write("data/u.data", "1\t10\t4\t100\n1\t10\t5\t200\n2\t11\t3\t100\n1\t10\t2\t150\n2\t11\t4\t100\n")
    try temp.write("data/u.user", "1|24|M|technician|85711\n")
    let store = try SQLiteRatingStore(path: temp.path)
    let first = try store.importDataset(try openDataset(at: data), progress: nil)
    // Only each pair's newest line is merged; the superseded ones count as unchanged.
    #expect(first == ImportSummary(ratingsRead: 5, ratings: WriteSummary(inserted: 2, updated: 0, unchanged: 3),
                                   moviesWritten: 0, usersWritten: 1))
    #expect(try store.history(user: 1, limit: 5) == [rating(1, 10, 5, 200)])
    #expect(try store.history(user: 2, limit: 5) == [rating(2, 11, 4, 100)])
    let fingerprint = try store.fingerprint()
    let again = try store.importDataset(try openDataset(at: data), progress: nil)
    #expect(again == ImportSummary(ratingsRead: 5, ratings: WriteSummary(unchanged: 5), moviesWritten: 0, usersWritten: 0))
    #expect(try store.fingerprint() == fingerprint)
    try temp.write("data/u.data", "1\t10\t3\t250\n4\t10\t3\t250\n")
    let update = try store.importDataset(try openDataset(at: data), progress: nil)
    #expect(update.ratings == WriteSummary(inserted: 1, updated: 1, unchanged: 0))
    #expect(try store.changes(since: fingerprint) == 2)
    let updated = try store.fingerprint()

    try temp.write("data/u.data", "3\t10\t4\t100\n3\t11\t4\t100\n3\tx\t4\t100\n")
    let file = data + "/u.data"
    #expect(throws: DatasetError.malformed(file: file, line: 3, message: "item id \"x\" is not an integer")) {
        try store.importDataset(try openDataset(at: data), progress: nil)
    }
    #expect(try store.fingerprint() == updated)
    #expect(try store.ratedMovies(user: 3).isEmpty)
}

@Test func moviesAndUsersRoundTrip() throws {
    let store = try SQLiteRatingStore(path: ":memory:")
    try store.upsert(movies: [Movie(id: 2, title: "B", year: nil, genres: []), Movie(id: 1, title: "A", year: 1999, genres: ["X"])])
    try store.upsert(users: [UserProfile(id: 5, age: nil, gender: "F", occupation: nil)])
    #expect(try store.movies().map(\.id) == [1, 2])
    #expect(try store.movie(id: 2) == Movie(id: 2, title: "B"))
    #expect(try store.movieExists(id: 1) && !store.movieExists(id: 3))
    #expect(try store.movieIDs() == [1, 2])
    #expect(try store.user(id: 5) == UserProfile(id: 5, gender: "F"))
    #expect(try store.user(id: 6) == nil)
    #expect(try store.users().count == 1)
}

@Test func concurrentReadersSeeCommittedWrites() throws {
    let temp = try TempDatabase()
    let store = try SQLiteRatingStore(path: temp.path)
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
        for step in 0..<25 {
            let movie = Int64(worker * 100 + step)
            #expect(throws: Never.self) { try store.add([rating(Int64(worker), movie, 4, Int64(step))]) }
            #expect((try? store.ratedMovies(user: Int64(worker)).contains(movie)) == true)
        }
    }
    #expect(try store.ratingCount() == 200)
    // Concurrent adds share group commits, so there are at most 200 write transactions,
    // and the write log still accounts for every changed rating.
    let fingerprint = try store.fingerprint()
    #expect(fingerprint.count == 200 && fingerprint.maxTimestamp == 24)
    #expect((1...200).contains(fingerprint.sequence))
    #expect(try store.changes(since: .empty) == 200)
}

@Test func sqliteErrorsCarryCodeMessageAndSQL() throws {
    let connection = try SQLiteConnection(path: ":memory:")
    do {
        _ = try connection.statement("SELECT nope FROM nowhere")
        Issue.record("expected an error")
    } catch let error as SQLiteError {
        #expect(error.primaryCode == 1)
        #expect(error.message.contains("nowhere"))
        #expect(error.sql == "SELECT nope FROM nowhere")
    }
}

@Test func chunkedBatchedImportMatchesRowByRowAdds() throws {
    let temp = try TempDatabase()
    let data = temp.directory + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    // 700 lines over 60 × 9 pairs with repeats, so batches of 128 and chunks of 100 both
    // see duplicates and boundaries.
    var lines: [String] = []
    var expected: [Int64: [Int64: Rating]] = [:]
    for line in 0..<700 {
        let user = Int64((line * 7) % 60), movie = Int64((line * 13) % 9), time = Int64((line * 31) % 97)
        let value = Float(1 + line % 5)
        lines.append("\(user)\t\(movie)\t\(Int(value))\t\(time)")
        let candidate = rating(user, movie, value, time)
        if let stored = expected[user]?[movie], stored.timestamp > time { continue }
        expected[user, default: [:]][movie] = candidate
    }
    try temp.write("data/u.data", lines.joined(separator: "\n"))
    let store = try SQLiteRatingStore(path: temp.path)
    let summary = try store.importDataset(try openDataset(at: data), chunkSize: 100, progress: nil)
    let wanted = expected.values.flatMap(\.values).sorted { ($0.user, $0.movie) < ($1.user, $1.movie) }
    #expect(try store.snapshot().ratings == wanted)
    #expect(summary.ratingsRead == 700 && summary.ratings.inserted == wanted.count)
    #expect(try store.changes(since: .empty) == summary.ratings.inserted + summary.ratings.updated)
    let newest = wanted.map(\.timestamp).max() ?? 0
    #expect(try store.fingerprint() == StoreFingerprint(count: wanted.count, maxTimestamp: newest, sequence: 1))
    try store.add([rating(999, 1, 4, 5), rating(0, 0, 4, 1)])
    #expect(try store.fingerprint() == StoreFingerprint(count: wanted.count + 1, maxTimestamp: newest, sequence: 2))
}

@Test func databaseErrorMidWriteRollsBackEveryRow() throws {
    let temp = try TempDatabase()
    let store = try SQLiteRatingStore(path: temp.path)
    try store.add([rating(1, 1, 3, 10)])
    let before = try store.fingerprint()
    let raw = try SQLiteConnection(path: temp.path)
    try raw.execute("""
        CREATE TRIGGER reject_666 BEFORE INSERT ON ratings WHEN NEW.movie = 666
        BEGIN SELECT RAISE(ABORT, 'movie 666 rejected'); END
        """)
    do {
        try store.add([rating(1, 1, 5, 20), rating(2, 2, 4, 20), rating(3, 666, 4, 20)])
        Issue.record("expected an error")
    } catch let error as SQLiteError {
        #expect(error.message == "movie 666 rejected")
    }
    #expect(try store.fingerprint() == before)
    #expect(try store.snapshot().ratings == [rating(1, 1, 3, 10)])

    let data = temp.directory + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    try temp.write("data/u.data", (0..<300).map { "\($0)\t\($0 == 250 ? 666 : 1)\t4\t5" }.joined(separator: "\n"))
    #expect(throws: SQLiteError.self) { try store.importDataset(try openDataset(at: data), progress: nil) }
    #expect(try store.snapshot().ratings == [rating(1, 1, 3, 10)])
}
