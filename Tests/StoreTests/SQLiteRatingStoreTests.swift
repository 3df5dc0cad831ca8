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
    #expect(applied == [1: "create movies, users, ratings"])
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
    #expect(try store.changes(since: before) == 1)
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
    #expect(snapshot.fingerprint == StoreFingerprint(count: 2, maxTimestamp: 300, sequence: 2))
    try store.add([rating(3, 10, 4, 50)])
    #expect(try store.changes(since: snapshot.fingerprint) == 1)
    #expect(try store.fingerprint() != snapshot.fingerprint)
}

@Test func importIsAtomicAndIdempotent() throws {
    let temp = try TempDatabase()
    let data = temp.directory + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    try temp.write("data/u.data", "1\t10\t4\t100\n1\t10\t5\t200\n2\t10\t3\t100\n1\t10\t2\t150\n")
    try temp.write("data/u.user", "1|24|M|technician|85711\n")
    let store = try SQLiteRatingStore(path: temp.path)
    let first = try store.importDataset(try openDataset(at: data), progress: nil)
    #expect(first == ImportSummary(ratingsRead: 4, ratings: WriteSummary(inserted: 2, updated: 1, unchanged: 1),
                                   moviesWritten: 0, usersWritten: 1))
    #expect(try store.history(user: 1, limit: 5) == [rating(1, 10, 5, 200)])
    let fingerprint = try store.fingerprint()
    let again = try store.importDataset(try openDataset(at: data), progress: nil)
    #expect(again == ImportSummary(ratingsRead: 4, ratings: WriteSummary(unchanged: 4), moviesWritten: 0, usersWritten: 0))
    #expect(try store.fingerprint() == fingerprint)

    try temp.write("data/u.data", "3\t10\t4\t100\n3\t11\t4\t100\n3\tx\t4\t100\n")
    let file = data + "/u.data"
    #expect(throws: DatasetError.malformed(file: file, line: 3, message: "item id \"x\" is not an integer")) {
        try store.importDataset(try openDataset(at: data), progress: nil)
    }
    #expect(try store.fingerprint() == fingerprint)
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
            try? store.add([rating(Int64(worker), movie, 4, Int64(step))])
            #expect((try? store.ratedMovies(user: Int64(worker)).contains(movie)) == true)
        }
    }
    #expect(try store.ratingCount() == 200)
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
