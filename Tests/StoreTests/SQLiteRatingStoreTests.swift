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
    #expect(applied == [1: "create movies, users, ratings, rating_writes", 2: "create model_versions",
                        3: "create forgotten_users, index ratings by movie"])
    try Migrator.migrate(reopened.writer, Schema.migrations)
    #expect(try reopened.read { db in try Migrator.appliedMigrations(db) }.count == 3)
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

@Test func movieStatisticsAndCountsReadOnlyTheMovieIndexAlsoAfterAFirstImport() throws {
    let temp = try TempDatabase()
    let store = try SQLiteRatingStore(path: temp.path)
    try FileManager.default.createDirectory(atPath: temp.directory + "/data", withIntermediateDirectories: true)
    try temp.write("data/u.data", "1\t10\t4\t100\n2\t10\t3\t200\n")
    try store.importDataset(try openDataset(at: temp.directory + "/data"), progress: nil)
    for sql in [SQLiteRatingStore.movieStatsSQL, SQLiteRatingStore.countsByMovieSQL] {
        let plan = try store.writer.statement("EXPLAIN QUERY PLAN " + sql)
        var details: [String] = []
        while try plan.step() { details.append(plan.text(3) ?? "") }
        #expect(details.contains { $0.contains("USING COVERING INDEX ratings_by_movie") }, "\(sql): \(details)")
    }
    #expect(try store.ratingStats(movie: 10) == MovieRatingStats(count: 2, mean: 3.5))
}
