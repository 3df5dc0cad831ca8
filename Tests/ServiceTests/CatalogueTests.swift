import Testing
import Ratings
@testable import Service

@Suite struct CatalogueTests {
    @Test func filtersReadGenreBitsAndNamesPastTheSixtyFourthGenre() {
        let movies = (1...70).map { Movie(id: Int64($0), title: "M\($0)", year: 1900 + $0, genres: ["G\($0)", "All"]) }
        let snapshot = CatalogueSnapshot(movies, revision: 0)
        for id in [Int64(1), 64, 65, 70] {
            let genre: Set<String> = ["G\(id)"]
            #expect((1...70).filter { snapshot.admission(genres: genre, years: nil)(Int64($0)) } == [Int(id)])
        }
        #expect((1...70).filter { snapshot.admission(genres: ["G3", "G69"], years: 1900...1970)(Int64($0)) } == [3, 69])
        #expect((1...70).filter { snapshot.admission(genres: [], years: 1968...1999)(Int64($0)) } == [68, 69, 70])
        #expect(!snapshot.admission(genres: [], years: nil)(999))
        // A movie added later keeps the earlier genres' bits.
        let added = snapshot.with(Movie(id: 71, title: "New", genres: ["Brand New", "G2"]))
        #expect(added.admission(genres: ["G2"], years: nil)(71) && added.admission(genres: ["G2"], years: nil)(2))
        #expect(added.admission(genres: ["Brand New"], years: nil)(71) && !added.admission(genres: ["G1"], years: nil)(71))
        #expect(!added.admission(genres: [], years: 1900...2100)(71), "a movie without a year fails a year bound")
    }

    @Test func coldMoviesAverageTheirGenresFromTheMostToTheLeastRated() {
        // Movies 1…40 are Comedy (1…30 also Romance), rated 100, 99, …; 41…45 Drama.
        var movies = (1...40).map { Movie(id: Int64($0), title: "C\($0)", genres: $0 <= 30 ? ["Comedy", "Romance"] : ["Comedy"]) }
        movies += (41...45).map { Movie(id: Int64($0), title: "D\($0)", genres: ["Drama"]) }
        movies += [Movie(id: 100, title: "New Comedy", genres: ["Comedy", "Romance"]),
                   Movie(id: 101, title: "No Genres"), Movie(id: 102, title: "Drama Western", genres: ["Drama", "Western"])]
        let snapshot = CatalogueSnapshot(movies, revision: 0)
        let known = IDIndex((1...45).map(Int64.init))
        let counts = (1...45).map { Float(101 - $0) }
        let cold = snapshot.coldMovies(learned: { $0 <= 45 }, known: known, counts: counts)
        #expect(cold.map(\.id) == [100, 101, 102])
        // Every Comedy-Romance (1…30), 20 of them evenly from the most rated to the least.
        #expect(cold[0].peers.count == 20 && cold[0].peers.first == 1 && cold[0].peers.last == 30)
        #expect(Set(cold[0].peers).isSubset(of: Set((1...30).map(Int64.init))))
        #expect(cold[1].peers.count == 20 && cold[1].peers.first == 1 && cold[1].peers.last == 45)
        // No known movie is both Drama and Western: any of the two, so the five dramas.
        #expect(cold[2].peers == [41, 42, 43, 44, 45])
    }

    @Test func searchFoldsCaseAccentsAndWordOrder() {
        let snapshot = CatalogueSnapshot([Movie(id: 1, title: "Amélie"), Movie(id: 2, title: "Godfather, The"),
                                          Movie(id: 3, title: "Godfather: Part II, The")], revision: 0)
        func ids(_ query: String) -> [Int64] {
            snapshot.search(query, where: { _ in true }, popularity: { Float(-$0) }, limit: 10).map(\.id)
        }
        #expect(ids("AMELIE") == [1])
        #expect(ids("the godfather") == [2, 3])
        #expect(ids("godfather part ii") == [3])
        #expect(ids("godfather x").isEmpty)
        #expect(ids("").count == 3)
    }
}
