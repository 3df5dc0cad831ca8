import Ratings
import Synchronization
import Testing
@testable import Recommender

/// What a request reads from the store: the rated set and a model's history come from one
/// read of the user's rows, in the order the store's own history query returns.
@Suite struct UserContextTests {
    /// A source that counts its reads.
    final class CountingSource: UserRatingsSource {
        let ratings: InMemoryRatings
        let reads = Mutex<[String]>([])
        init(_ ratings: [Rating]) { self.ratings = InMemoryRatings(ratings) }
        func history(user: Int64, limit: Int) throws -> [Rating] {
            reads.withLock { $0.append("history") }
            return try ratings.history(user: user, limit: limit)
        }
        func ratings(user: Int64) throws -> [Rating] {
            reads.withLock { $0.append("ratings") }
            return try ratings.ratings(user: user)
        }
        func profile(user: Int64) throws -> UserProfile? { nil }
        func writeSequence() throws -> Int64? { nil }
    }

    // Two ratings share a timestamp: the history orders them by movie id.
    let ratings = [Rating(user: 1, movie: 30, value: 4, timestamp: 5), Rating(user: 1, movie: 10, value: 2, timestamp: 9),
                   Rating(user: 1, movie: 20, value: 5, timestamp: 5), Rating(user: 1, movie: 40, value: 3, timestamp: 1)]

    @Test func theRatedSetAndTheHistoryAreOneRead() throws {
        let source = CountingSource(ratings)
        let context = UserContext(user: 1, source: source)
        #expect(try context.ratedMovies() == [10, 20, 30, 40])
        let history = try context.history(limit: 3)
        #expect(history.map(\.movie) == [20, 30, 10])
        #expect(history == (try source.ratings.history(user: 1, limit: 3)))
        #expect(source.reads.withLock { $0 } == ["ratings"])
    }

    @Test func aHistoryAloneReadsOnlyTheNewestRatings() throws {
        let source = CountingSource(ratings)
        let context = UserContext(user: 1, source: source)
        #expect(try context.history(limit: 2).map(\.movie) == [30, 10])
        #expect(try context.history(limit: 1).map(\.movie) == [10])
        #expect(source.reads.withLock { $0 } == ["history"])
        // The short history does not cover every rating: the rated set is read in full.
        #expect(try context.ratedMovies() == [10, 20, 30, 40])
        #expect(source.reads.withLock { $0 } == ["history", "ratings"])
    }
}
