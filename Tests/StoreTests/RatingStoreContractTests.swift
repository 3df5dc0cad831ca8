import Foundation
import Ratings
import Testing
@testable import Store

private func rating(_ user: Int64, _ movie: Int64, _ value: Float, _ time: Int64) -> Rating {
    Rating(user: user, movie: movie, value: value, timestamp: time)
}

/// The behaviour every `RatingStore` promises, run against SQLite and PostgreSQL alike.
@Suite struct RatingStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func newestTimestampWinsAndReplaysChangeNothing(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
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
    }

    @Test(arguments: StoreKind.allCases)
    func everyRatingOfAUserIsReadWithItsNewestValue(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            try fixture.store.add([rating(1, 30, 4, 300), rating(1, 10, 2, 100), rating(2, 10, 5, 50), rating(1, 20, 3, 200),
                                   rating(1, 10, 5, 400)])
            let all = try fixture.store.ratings(user: 1)
            #expect(Set(all) == [rating(1, 10, 5, 400), rating(1, 20, 3, 200), rating(1, 30, 4, 300)])
            #expect(all.count == 3)
            #expect(try fixture.store.ratings(user: 9).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onePairTwiceInOneBatchIsWrittenInOrder(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let summary = try fixture.store.add([rating(1, 10, 4, 100), rating(2, 10, 3, 100), rating(1, 10, 5, 200),
                                                 rating(1, 10, 1, 150)])
            #expect(summary == WriteSummary(inserted: 2, updated: 1, unchanged: 1))
            #expect(try fixture.store.history(user: 1, limit: 5) == [rating(1, 10, 5, 200)])
            #expect(try fixture.store.changes(since: .empty) == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchOfDistinctPairsReportsEveryRowItLeftUnchanged(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 10, 4, .max), rating(1, 20, 3, 100), rating(1, 30, 3, 100)])
            let summary = try store.add([rating(1, 10, 1, 200), rating(1, 20, 3, 100), rating(1, 30, 5, 300),
                                         rating(1, 40, 2, 300)])
            #expect(summary == WriteSummary(inserted: 1, updated: 1, unchanged: 2))
            #expect(summary.changed == 2)
            #expect(try store.history(user: 1, limit: 5).map(\.value) == [3, 5, 2, 4],
                    "the far-future rating stays; the replay and the older one changed nothing")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func offScaleRatingRejectsTheWholeBatch(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            #expect(throws: StoreError.ratingOffScale(user: 2, movie: 11, value: 5.5)) {
                try fixture.store.add([rating(1, 10, 4, 100), rating(2, 11, 5.5, 100)])
            }
            #expect(try fixture.store.ratingCount() == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func historyIsTheNewestRatingsInChronologicalOrder(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 10, 4, 300), rating(1, 11, 3, 100), rating(1, 12, 5, 200),
                           rating(1, 13, 1, 200), rating(2, 10, 2, 999)])
            #expect(try store.history(user: 1, limit: 3).map(\.movie) == [12, 13, 10])
            #expect(try store.history(user: 1, limit: 10).map(\.movie) == [11, 12, 13, 10])
            #expect(try store.history(user: 3, limit: 10).isEmpty)
            #expect(try store.history(user: 1, limit: 0).isEmpty)
            #expect(Set(try store.ratings(user: 1).map(\.movie)) == [10, 11, 12, 13])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func snapshotCarriesAMatchingFingerprint(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(2, 10, 4, 300), rating(1, 11, 3.5, 100)])
            let snapshot = try store.snapshot()
            #expect(snapshot.ratings == [rating(1, 11, 3.5, 100), rating(2, 10, 4, 300)])
            #expect(snapshot.fingerprint == StoreFingerprint(count: 2, maxTimestamp: 300, sequence: 1))
            try store.add([rating(3, 10, 4, 50)])
            #expect(try store.changes(since: snapshot.fingerprint) == 1)
            #expect(try store.fingerprint() != snapshot.fingerprint)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func countsRatingsPerMovie(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            try fixture.store.add([rating(1, 1, 4, 1), rating(2, 1, 3, 2), rating(2, 2, 5, 3), rating(2, 2, 1, 4)])
            #expect(try fixture.store.ratingCountsByMovie() == [1: 2, 2: 1])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func moviesAndUsersRoundTrip(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            let cafe = Movie(id: 10, title: "Café, Le (1995)", year: 1995, genres: ["Drama", "Comedy"])
            try store.upsert(movies: [Movie(id: 2, title: "B", year: nil, genres: []), Movie(id: 1, title: "A", year: 1999, genres: ["X"]), cafe])
            try store.upsert(users: [UserProfile(id: 5, age: nil, gender: "F", occupation: nil)])
            #expect(try store.movies().map(\.id) == [1, 2, 10])
            #expect(try store.movie(id: 2) == Movie(id: 2, title: "B"))
            #expect(try store.movie(id: 10) == cafe)
            #expect(try store.movieExists(id: 1) && !store.movieExists(id: 3))
            #expect(try store.movieIDs() == [1, 2, 10])
            #expect(try store.user(id: 5) == UserProfile(id: 5, gender: "F"))
            #expect(try store.user(id: 6) == nil)
            try store.upsert(users: [UserProfile(id: 5, age: 30, gender: "F", occupation: "it's")])
            #expect(try store.users() == [UserProfile(id: 5, age: 30, gender: "F", occupation: "it's")])
            // Characters a bulk transfer must escape, and one id twice in a call: the later wins.
            let awkward = Movie(id: 20, title: "Back\\slash\tTab\nNew line \\N", year: nil, genres: ["A|B"])
            try store.upsert(movies: [Movie(id: 21, title: "first"), awkward, Movie(id: 21, title: "second")])
            #expect(try store.movie(id: 20)?.title == awkward.title)
            #expect(try store.movie(id: 21)?.title == "second")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func reopeningKeepsDataAndMigratesNothingTwice(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            try fixture.store.add([rating(1, 10, 4, 100)])
            let reopened = try fixture.reopen()
            #expect(try reopened.ratingCount() == 1)
            #expect(try reopened.fingerprint() == fixture.store.fingerprint())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func importIsAtomicAndIdempotent(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store, temp = fixture.temp
            let data = temp.directory + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            // (1, 10) three times out of time order; (2, 11) twice at the same time: the later line wins.
            try temp.write("data/u.data", "1\t10\t4\t100\n1\t10\t5\t200\n2\t11\t3\t100\n1\t10\t2\t150\n2\t11\t4\t100\n")
            try temp.write("data/u.user", "1|24|M|technician|85711\n")
            let first = try store.importDataset(try openDataset(at: data), progress: nil)
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
            #expect(try store.ratings(user: 3).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func chunkedImportMatchesRowByRowAdds(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let data = fixture.temp.directory + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            // 700 lines over 60 × 9 pairs with repeats, so batches of 128 and chunks of 100 both
            // see duplicates and boundaries.
            var lines: [String] = []
            var expected: [Int64: [Int64: Rating]] = [:]
            for line in 0..<700 {
                let user = Int64((line * 7) % 60), movie = Int64((line * 13) % 9), time = Int64((line * 31) % 97)
                let value = Float(1 + line % 5)
                lines.append("\(user)\t\(movie)\t\(Int(value))\t\(time)")
                if let stored = expected[user]?[movie], stored.timestamp > time { continue }
                expected[user, default: [:]][movie] = rating(user, movie, value, time)
            }
            try fixture.temp.write("data/u.data", lines.joined(separator: "\n"))
            let summary = try fixture.importDataset(at: data, chunkSize: 100)
            let store = fixture.store
            let wanted = expected.values.flatMap(\.values).sorted { ($0.user, $0.movie) < ($1.user, $1.movie) }
            #expect(try store.snapshot().ratings == wanted)
            #expect(summary.ratingsRead == 700 && summary.ratings.inserted == wanted.count)
            #expect(try store.changes(since: .empty) == summary.ratings.inserted + summary.ratings.updated)
            let newest = wanted.map(\.timestamp).max() ?? 0
            #expect(try store.fingerprint() == StoreFingerprint(count: wanted.count, maxTimestamp: newest, sequence: 1))
            try store.add([rating(999, 1, 4, 5), rating(0, 0, 4, 1)])
            #expect(try store.fingerprint() == StoreFingerprint(count: wanted.count + 1, maxTimestamp: newest, sequence: 2))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func databaseErrorMidWriteRollsBackEveryRow(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 1, 3, 10)])
            let before = try store.fingerprint()
            try fixture.rejectMovie666()
            do {
                try store.add([rating(1, 1, 5, 20), rating(2, 2, 4, 20), rating(3, 666, 4, 20)])
                Issue.record("expected an error")
            } catch {
                #expect(StoreFixture.databaseMessage(error) == "movie 666 rejected")
            }
            #expect(try store.fingerprint() == before)
            #expect(try store.snapshot().ratings == [rating(1, 1, 3, 10)])

            let data = fixture.temp.directory + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try fixture.temp.write("data/u.data", (0..<300).map { "\($0)\t\($0 == 250 ? 666 : 1)\t4\t5" }.joined(separator: "\n"))
            do {
                try store.importDataset(try openDataset(at: data), progress: nil)
                Issue.record("expected an error")
            } catch {
                #expect(StoreFixture.databaseMessage(error) == "movie 666 rejected")
            }
            #expect(try store.snapshot().ratings == [rating(1, 1, 3, 10)])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersFromTwoStoresKeepTheWriteLogExact(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            // Two store objects on one database stand for two server processes.
            let stores = [fixture.store, try fixture.reopen()]
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                let store = stores[worker % 2]
                for step in 0..<25 {
                    let movie = Int64(worker * 100 + step)
                    do {
                        try store.add([rating(Int64(worker), movie, 4, Int64(step))])
                        if try !stores[(worker + 1) % 2].ratings(user: Int64(worker)).contains(where: { $0.movie == movie }) {
                            failures.update { $0 += 1 }
                        }
                    } catch {
                        failures.update { $0 += 1 }
                    }
                }
            }
            #expect(failures.value == 0, "every write succeeds and is visible through the other store at once")
            #expect(try fixture.store.ratingCount() == 200)
            let fingerprint = try stores[1].fingerprint()
            #expect(fingerprint.count == 200 && fingerprint.maxTimestamp == 24)
            #expect((1...200).contains(fingerprint.sequence))
            #expect(try fixture.store.changes(since: .empty) == 200)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentAddsAreAllStoredAndAnInvalidOneFailsAlone(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 16) { user in
                for movie in 1...20 {
                    let value: Float = user == 5 && movie == 7 ? 7 : 4
                    do {
                        try store.add([Rating(user: Int64(user), movie: Int64(movie), value: value, timestamp: 1)])
                    } catch {
                        failures.update { $0 += 1 }
                    }
                }
            }
            #expect(failures.value == 1)
            #expect(try store.ratingCount() == 16 * 20 - 1)
            #expect(try store.changes(since: .empty) == 16 * 20 - 1)
            // Every valid write went through the group commit, whatever the grouping was.
            let statistics = (store as? SQLiteRatingStore)?.groupCommitStatistics
                ?? (store as? PostgresRatingStore)?.groupCommitStatistics
            #expect(statistics?.requests == 16 * 20 - 1)
        }
    }
}
