import Ratings
import Testing
@testable import movierec

/// The next-item protocol: each user's newest rating (ties in time to the higher movie id)
/// is held out and relevant whatever its value; users with one rating keep it.
@Suite struct NextItemProtocolTests {
    private func rating(_ user: Int64, _ movie: Int64, _ value: Float, _ time: Int64) -> Rating {
        Rating(user: user, movie: movie, value: value, timestamp: time)
    }

    @Test func theNewestRatingIsHeldOutAndRelevantWhateverItsValue() throws {
        let ratings = [rating(1, 10, 5, 100), rating(1, 30, 1, 300), rating(1, 20, 4, 300), rating(2, 10, 3, 50),
                       rating(3, 40, 2, 10), rating(3, 50, 4, 20)]
        let splits = EvalProtocol.nextItem.splits(ratings, n: 3, trainFraction: 0.8, folds: 5, seed: 42)
        #expect(splits.count == 1)
        let split = try #require(splits.first).split
        // User 1's newest time is 300 for movies 20 and 30: the higher id, 30, is held out.
        #expect(Set(split.validation) == [rating(1, 30, 1, 300), rating(3, 50, 4, 20)])
        #expect(split.train.count == 4)
        let relevant = EvalProtocol.nextItem.relevance(threshold: 4)
        #expect(relevant(rating(1, 30, 1, 300)))
        #expect(!EvalProtocol.random.relevance(threshold: 4)(rating(1, 30, 1, 300)))
        #expect(EvalProtocol.random.relevance(threshold: 4)(rating(3, 50, 4, 20)))
        // The inner split applies the same rule to the training part (user 3 has one rating left).
        let tuning = try #require(splits.first).tuning
        #expect(tuning.validation == [rating(1, 20, 4, 300)])
    }
}
