import Foundation
import Linalg
import Ratings
import Testing
@testable import Store

/// "Deleted means deleted" on SQLite: after `forgetUser` returns, the user's ratings and
/// profile cannot be read from the bytes of the database file or of its WAL.
///
/// What stays by design is not searched for: the id in `forgotten_users` (its rowid, a
/// varint in the cell header, not these bytes) and the write log's newest time ever
/// written, which a neighbour's rating written first keeps above the user's times.
@Suite struct SQLiteSecureDeleteTests {
    /// Stored as 4-byte big-endian integers in SQLite records (values in 2^23 ..< 2^31), with
    /// byte patterns nothing else in the file has.
    static let forgotten: Int64 = 0x3ADE_68B1
    static let times: [Int64] = [0x5EC0_DE11, 0x5AFE_C0DE, 0x4B1D_7A1E]
    static let occupation = "occupation-of-the-forgotten-Qz7"
    /// Ratings of the user and of each neighbour; neighbours on either side of the user's
    /// id; the order their ratings are written in. Chosen so that page splits leave copies
    /// of the user's rows in unused space (checked below, before the forget).
    static let movies: Int64 = 400
    static let neighboursEachSide = 10
    static let seed: UInt64 = 3

    private static func bigEndian(_ value: Int64) -> Data {
        Data(withUnsafeBytes(of: UInt32(value).bigEndian) { Array($0) })
    }

    private static var patterns: [(name: String, bytes: Data)] {
        [("user id", bigEndian(forgotten)), ("occupation", Data(occupation.utf8))]
            + times.map { ("timestamp \(String($0, radix: 16))", bigEndian($0)) }
    }

    private static func occurrences(of pattern: Data, in data: Data) -> Int {
        var count = 0, start = data.startIndex
        while let found = data.range(of: pattern, in: start..<data.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }

    private static func contents(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    @Test func aForgottenUserCannotBeReadFromTheDatabaseOrItsLog() throws {
        let temp = try TempDatabase()
        let store = try SQLiteRatingStore(path: temp.path)
        // The user's ratings first, then neighbours' (ids on either side) in scattered order
        // and in many transactions, so page splits move the user's rows: a copy left behind
        // in a page's unused space would show up below.
        // Written first and newer than all else, so the write log's newest time is never the user's.
        try store.add([Rating(user: 1, movie: 1, value: 3, timestamp: 0x6000_0000)])
        try store.add((0..<Self.movies).map { Rating(user: Self.forgotten, movie: $0, value: 4, timestamp: Self.times[Int($0) % 3]) })
        try store.upsert(users: [UserProfile(id: Self.forgotten, age: 33, gender: "F", occupation: Self.occupation)])
        let neighbours = (1...2 * Self.neighboursEachSide).map {
            Self.forgotten + ($0 <= Self.neighboursEachSide ? -Int64($0) : Int64($0 - Self.neighboursEachSide))
        }
        var scattered = neighbours.flatMap { user in
            (0..<Self.movies).map { movie in Rating(user: user, movie: movie, value: 3, timestamp: 1_000 + movie) }
        }
        var generator = SeededGenerator(seed: Self.seed)
        generator.shuffle(&scattered)
        for start in stride(from: 0, to: scattered.count, by: 50) {
            try store.add(Array(scattered[start..<min(start + 50, scattered.count)]))
        }
        try store.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = Self.contents(temp.path)
        for pattern in Self.patterns {
            #expect(before.range(of: pattern.bytes) != nil, "\(pattern.name) is in the file before the forget")
        }
        // Live, each of the user's rows holds its time once and the id twice (table and index).
        let times = Self.times.map { Self.occurrences(of: Self.bigEndian($0), in: before) }.reduce(0, +)
        let ids = Self.occurrences(of: Self.bigEndian(Self.forgotten), in: before)
        #expect(times > Self.movies && ids > 2 * Self.movies,
                "stale copies besides the live rows, which deleting the rows alone would leave behind")

        #expect(try store.forgetUser(Self.forgotten) == .forgotten(ratings: Int(Self.movies)))

        let database = Self.contents(temp.path), log = Self.contents(temp.path + "-wal")
        #expect(log.isEmpty, "forgetUser truncated the WAL")
        for pattern in Self.patterns {
            #expect(database.range(of: pattern.bytes) == nil, "\(pattern.name) is gone from the database file")
            #expect(log.range(of: pattern.bytes) == nil, "\(pattern.name) is gone from the WAL")
        }
        #expect(database.range(of: Self.bigEndian(neighbours[0])) != nil)
        for user in neighbours { #expect(try store.ratings(user: user).count == Int(Self.movies)) }
        #expect(try store.ratingCount() == neighbours.count * Int(Self.movies) + 1)
    }

    @Test func aReaderThatHoldsTheLogMakesTheForgetFailLoudlyAndARetryFinishesIt() throws {
        let temp = try TempDatabase()
        let store = try SQLiteRatingStore(path: temp.path)
        try store.add([Rating(user: Self.forgotten, movie: 1, value: 4, timestamp: Self.times[0]),
                       Rating(user: 2, movie: 1, value: 3, timestamp: 0x6000_0000)])
        let reader = try SQLiteConnection(path: temp.path)
        try reader.execute("BEGIN")
        #expect(try reader.scalar("SELECT COUNT(*) FROM ratings") == 2)
        try store.writer.execute("PRAGMA busy_timeout = 50")

        #expect(throws: StoreError.forgetNotScrubbed(location: temp.path,
                                                      reason: "readers of older snapshots kept the WAL from being emptied")) {
            try store.forgetUser(Self.forgotten)
        }
        #expect(try store.ratings(user: Self.forgotten).isEmpty, "the forget itself is committed")
        #expect(Self.contents(temp.path + "-wal").range(of: Self.bigEndian(Self.times[0])) != nil,
                "the reader's snapshot keeps the old page in the WAL")

        try reader.execute("COMMIT")
        #expect(try store.forgetUser(Self.forgotten) == .alreadyForgotten)
        #expect(Self.contents(temp.path + "-wal").isEmpty)
        #expect(Self.contents(temp.path).range(of: Self.bigEndian(Self.times[0])) == nil)
    }
}
