import Testing
import Ratings
@testable import Store

@Test func countsRatingsPerMovie() throws {
    let store = try SQLiteRatingStore(path: ":memory:")
    try store.upsert(movies: [Movie(id: 1, title: "A"), Movie(id: 2, title: "B"), Movie(id: 3, title: "C")])
    try store.add([
        Rating(user: 1, movie: 1, value: 4, timestamp: 1),
        Rating(user: 2, movie: 1, value: 3, timestamp: 2),
        Rating(user: 2, movie: 2, value: 5, timestamp: 3),
        Rating(user: 2, movie: 2, value: 1, timestamp: 4),
    ])
    #expect(try store.ratingCountsByMovie() == [1: 2, 2: 1])
}
