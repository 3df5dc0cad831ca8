import Foundation
import Ratings
import Testing
@testable import Store

private func rating(_ user: Int64, _ movie: Int64, _ value: Float, _ time: Int64) -> Rating {
    Rating(user: user, movie: movie, value: value, timestamp: time)
}

/// Movie statistics, the index behind them, and new catalogue rows, on both backends.
extension RatingStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func ratingStatsCountAndAverageTheMovieStoredRatings(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 1, 4, 1), rating(2, 1, 3.5, 2), rating(3, 1, 4.5, 3), rating(1, 2, 2, 4)])
            #expect(try store.ratingStats(movie: 1) == MovieRatingStats(count: 3, mean: 4))
            try store.add([rating(2, 1, 0.5, 5)])
            #expect(try store.ratingStats(movie: 1) == MovieRatingStats(count: 3, mean: 3), "the newer rating replaced 3.5")
            #expect(try store.deleteRating(user: 3, movie: 1))
            #expect(try store.ratingStats(movie: 1) == MovieRatingStats(count: 2, mean: 2.25))
            #expect(try store.ratingStats(movie: 2) == MovieRatingStats(count: 1, mean: 2))
            #expect(try store.ratingStats(movie: 99) == MovieRatingStats(count: 0, mean: nil))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anImportIntoAnEmptyStoreBuildsTheMovieIndexOnceAndAFailedOneKeepsIt(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store, temp = fixture.temp
            #expect(try fixture.ratingsIndexes() == ["ratings_by_movie"])
            let data = temp.directory + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try temp.write("data/u.data", "1\t10\t4\t100\n2\t10\t3\t100\n2\tx\t4\t100\n")
            #expect(throws: DatasetError.self) { try store.importDataset(try openDataset(at: data), progress: nil) }
            #expect(try fixture.ratingsIndexes() == ["ratings_by_movie"], "the rollback restores the dropped index")
            #expect(try store.ratingCount() == 0)

            try temp.write("data/u.data", "1\t10\t4\t100\n2\t10\t3\t100\n2\t11\t5\t100\n")
            try store.importDataset(try openDataset(at: data), progress: nil)
            #expect(try fixture.ratingsIndexes() == ["ratings_by_movie"])
            #expect(try store.ratingStats(movie: 10) == MovieRatingStats(count: 2, mean: 3.5))
            try temp.write("data/u.data", "3\t10\t2\t100\n")
            try store.importDataset(try openDataset(at: data), progress: nil)
            #expect(try store.ratingStats(movie: 10) == MovieRatingStats(count: 3, mean: 3))
            #expect(try store.ratingCountsByMovie() == [10: 3, 11: 1])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func insertMovieAddsOnlyNewIDsAndNextMovieIDFollowsTheLargest(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            #expect(try store.nextMovieID() == 1)
            let first = Movie(id: 1, title: "Café, Le (1995)", year: 1995, genres: ["Drama", "Comedy"])
            #expect(try store.insertMovie(first))
            #expect(try !store.insertMovie(Movie(id: 1, title: "Another")))
            #expect(try store.movie(id: 1) == first, "a taken id keeps its row")
            #expect(try store.nextMovieID() == 2)
            #expect(try store.insertMovie(Movie(id: 10, title: "Untitled")))
            #expect(try store.movie(id: 10) == Movie(id: 10, title: "Untitled"))
            #expect(try store.nextMovieID() == 11)

            try store.upsert(movies: [Movie(id: .max, title: "The last id")])
            #expect(throws: StoreError.movieIDsExhausted) { try store.nextMovieID() }
        }
    }
}
