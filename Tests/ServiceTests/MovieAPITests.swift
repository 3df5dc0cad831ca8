import Foundation
import Testing
import HTTP
@testable import Service

/// `GET /movies/:movie`, `GET /movies`, `POST /movies`, `PATCH /movies/:movie`, and new
/// movies served at once as cold-start movies.
@Suite struct MovieAPITests {
    @Test func aMovieComesWithItsRatingCountAndMean() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/movies/10").json)
        #expect(json["title"] == .string("Alpha (1990)"))
        #expect(json["year"]?.int64 == 1990)
        #expect(json["genres"] == .array([.string("Action")]))
        #expect(json["ratings"]?["count"]?.int64 == 3)
        #expect(json["ratings"]?["mean"]?.double == 4)
        #expect(json["cold_start"] == .bool(false))
        let unrated = try #require(fixture.respond("/movies/50").json)
        #expect(unrated["ratings"]?["count"]?.int64 == 0)
        #expect(unrated["ratings"]?["mean"] == .null)
        #expect(unrated["cold_start"] == .bool(true))
        let missing = fixture.respond("/movies/999")
        #expect(missing.status == .notFound)
        #expect(missing.errorCode == "unknown_movie")
    }

    @Test(arguments: [
        ("q=beta", [20]), ("q=THE%20beta", [20]), ("q=the+beta", [20]), ("q=alp", [10]), ("q=omega", []),
        ("genre=Comedy", [20, 40]), ("q=a&year_min=1992&year_max=1993", [30, 40]), ("genre=Action&limit=1", [10]),
    ] as [(String, [Int64])])
    func titleSearchIgnoresCaseAccentsAndWordOrder(query: String, expected: [Int64]) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/movies?\(query.replacingOccurrences(of: "%20", with: " ").replacingOccurrences(of: "+", with: " "))")
        #expect(response.status == .ok)
        // Most rated first (10: 3 ratings, 20 and 30: 1, 40: none), then by id.
        #expect(response.listedMovies == expected)
    }

    @Test func accentsAndCaseFoldOnBothSides() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let created = fixture.respond("/movies", method: .post, body: #"{"title":"Le Fabuleux Destin d'Amélie Poulain","year":2001,"genres":["Comedy","Romance"]}"#)
        #expect(created.status == .created)
        let id = try #require(created.json?["movie"]?.int64)
        #expect(fixture.respond("/movies?q=AMELIE destin").listedMovies == [id])
        #expect(fixture.respond("/movies?q=amélie&genre=Romance").listedMovies == [id])
    }

    @Test func aNewMovieIsStoredAndServedAtOnceAsColdStart() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let created = fixture.respond("/movies", method: .post, body: #"{"title":"Zeta","year":2026,"genres":["Comedy"]}"#)
        #expect(created.status == .created)
        let json = try #require(created.json)
        #expect(json["movie"]?.int64 == 51)
        #expect(try fixture.store.movie(id: 51)?.title == "Zeta")
        // The only Comedy the models know is 20 (4.9 for user 1), so Zeta is scored 4.9 and
        // follows 20 (a model movie goes first at an equal score).
        let list = try #require(fixture.respond("/recommendations/1?k=4").json)
        guard case let .array(items)? = list["items"] else { Issue.record("no items"); return }
        #expect(items.compactMap { $0["movie"]?.int64 } == [20, 51, 40, 30])
        #expect(items[1]["cold_start"] == .bool(true))
        #expect(items[0]["cold_start"] == nil)
        #expect(fixture.respond("/recommendations/1?genre=Comedy&year_min=2000").listedMovies == [51])
        let predicted = try #require(fixture.respond("/predict?user=1&movie=51").json)
        #expect(predicted["cold_start"] == .string("movie"))
        #expect(abs((predicted["rating"]?.double ?? 0) - 4.9) < 1e-5)
        // Ratings of it are accepted at once.
        #expect(fixture.respond("/ratings", method: .post, body: #"{"user":2,"movie":51,"rating":4}"#).status == .created)
    }

    @Test func aGivenIdIsKeptAndATakenOneIs409() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond("/movies", method: .post, body: #"{"id":700,"title":"Seven Hundred"}"#).status == .created)
        #expect(fixture.respond("/movies/700").json?["genres"] == .array([]))
        let taken = fixture.respond("/movies", method: .post, body: #"{"id":10,"title":"Again"}"#)
        #expect(taken.status == .conflict)
        #expect(taken.errorCode == "movie_exists")
        #expect(fixture.respond("/movies/10").json?["title"] == .string("Alpha (1990)"))
    }

    @Test(arguments: [
        #"{}"#, #"{"title":""}"#, #"{"title":"   "}"#, #"{"title":5}"#, #"{"title":"X","year":"1990"}"#,
        #"{"title":"X","year":3000}"#, #"{"title":"X","genres":"Comedy"}"#, #"{"title":"X","genres":["A|B"]}"#,
        #"{"title":"X","rating":5}"#, #"{"title":"X","id":0}"#, #"[{"title":"X"}]"#,
    ])
    func invalidNewMoviesAre422NamingTheField(_ body: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/movies", method: .post, body: body)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorCode == "invalid_movie")
        #expect(try fixture.store.movies().count == 5)
    }

    @Test func writesNeedAJSONBody() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond("/movies", method: .post, body: "title=X", contentType: "text/plain").status == .unsupportedMediaType)
        #expect(fixture.respond("/movies", method: .post, body: "{").errorCode == "invalid_json")
        #expect(fixture.respond("/movies/10", method: .patch, body: "{", contentType: "text/plain").status == .unsupportedMediaType)
    }

    @Test func aPatchCorrectsOnlyTheFieldsGiven() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let patched = fixture.respond("/movies/40", method: .patch, body: #"{"title":"Delta Force","genres":["Action"]}"#)
        #expect(patched.status == .ok)
        let json = try #require(fixture.respond("/movies/40").json)
        #expect(json["title"] == .string("Delta Force"))
        #expect(json["year"]?.int64 == 1993)
        #expect(json["genres"] == .array([.string("Action")]))
        #expect(try fixture.store.movie(id: 40)?.title == "Delta Force")
        #expect(fixture.respond("/movies?q=force").listedMovies == [40])
        #expect(fixture.respond("/movies/40", method: .patch, body: #"{"year":null}"#).json?["year"] == .null)
        for body in [#"{}"#, #"{"id":41}"#, #"{"title":""}"#] {
            #expect(fixture.respond("/movies/40", method: .patch, body: body).status == .unprocessableContent)
        }
        #expect(fixture.respond("/movies/999", method: .patch, body: #"{"title":"X"}"#).status == .notFound)
    }
}
