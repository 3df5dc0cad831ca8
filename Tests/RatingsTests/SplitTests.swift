import Testing
@testable import Ratings

@Test func mersenneTwisterMatchesNumPyRandomState42() {
    var draws = MersenneTwister(seed: 42)
    // numpy.random.RandomState(42).random_sample(3)
    let expected = [0.3745401188473625, 0.9507143064099162, 0.7319939418114051]
    for value in expected {
        #expect(abs(draws.nextDouble() - value) < 1e-15)
    }
}

@Test func leaveLastOutHoldsOutEachUsersNewestRating() {
    let ratings = [
        Rating(user: 1, movie: 10, value: 4, timestamp: 100),
        Rating(user: 1, movie: 11, value: 3, timestamp: 300),
        Rating(user: 1, movie: 12, value: 5, timestamp: 200),
        Rating(user: 2, movie: 10, value: 2, timestamp: 50),
    ]
    let split = Split.leaveLastOut(ratings, n: 1)
    #expect(split.validation == [Rating(user: 1, movie: 11, value: 3, timestamp: 300)])
    #expect(Set(split.train) == Set(ratings).subtracting(split.validation))
}
