import Foundation
import Testing
import HTTP
@testable import Service

/// Filters, pages and explanations of `/recommendations` and `/similar`. User 1 rated movie
/// 10; MF scores the rest 20 → 4.9, 40 → 4.35, 30 → 3.25 (see `ServiceFixture`).
@Suite struct ListOptionsTests {
    @Test(arguments: [
        ("genre=Comedy", [20, 40]), ("genre=Drama", [30]), ("genre=Drama,Action", [20, 30]),
        ("genre=Drama&genre=Action", [20, 30]), ("year_min=1992", [40, 30]), ("year_max=1991", [20]),
        ("year_min=1991&year_max=1992", [20, 30]), ("exclude=20", [40, 30]), ("exclude=20,40&genre=Comedy", []),
    ] as [(String, [Int64])])
    func filtersApplyBeforeTheTopK(query: String, expected: [Int64]) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/recommendations/1?k=10&\(query)")
        #expect(response.status == .ok)
        #expect(response.listedMovies == expected)
    }

    @Test func aFilteredListIsFullWhenEnoughMoviesPass() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        // Without the filter the best two are 20 and 40; Drama's one movie ranks last.
        #expect(fixture.respond("/recommendations/1?k=1&genre=Drama").listedMovies == [30])
        #expect(fixture.respond("/recommendations/1?k=2&year_min=1992").listedMovies == [40, 30])
    }

    @Test func cursorsWalkTheListWithoutRepeatsOrGaps() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        var seen: [Int64] = []
        var target = "/recommendations/1?k=1"
        for _ in 0..<4 {
            let response = fixture.respond(target)
            #expect(response.status == .ok)
            seen += response.listedMovies
            guard let cursor = response.json?["next_cursor"]?.text else { break }
            target = "/recommendations/1?k=1&cursor=\(cursor)"
        }
        #expect(seen == [20, 40, 30])
        #expect(fixture.respond("/recommendations/1?k=1&offset=1").listedMovies == [40])
        #expect(fixture.respond("/recommendations/1?k=2&offset=1").listedMovies == [40, 30])
    }

    @Test func aCursorFromAnotherModelVersionIs409() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let foreign = Data("1@another-model".utf8).base64URLEncoded()
        let response = fixture.respond("/recommendations/1?cursor=\(foreign)")
        #expect(response.status == .conflict)
        #expect(response.errorCode == "cursor_expired")
    }

    @Test(arguments: [
        "/recommendations/1?cursor=%%%", "/recommendations/1?cursor=abc&offset=1", "/recommendations/1?offset=-1",
        "/recommendations/1?offset=9995&k=10", "/recommendations/1?year_min=1995&year_max=1990",
        "/recommendations/1?exclude=1,x", "/recommendations/1?year_min=soon", "/recommendations/1?explain=yes",
        "/similar/10?offset=abc",
    ])
    func badListParametersAre400NamingThem(_ target: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond(target)
        #expect(response.status == .badRequest)
        #expect(response.errorCode == "invalid_parameter")
    }

    @Test func anUnknownGenreIs422ListingTheCatalogueGenres() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        for target in ["/recommendations/1?genre=Western", "/similar/10?genre=Comedy,Western", "/movies?genre=Western"] {
            let response = fixture.respond(target)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "unknown_genre")
            #expect(response.json?["error"]?["message"]?.text?.contains("Action, Comedy, Documentary, Drama") == true)
        }
    }

    @Test func similarTakesTheSameFilters() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        // Cosine to 10 = (1, 0): 20 ≈ 0.99, 40 ≈ 0.71, 30 = 0.
        #expect(fixture.respond("/similar/10?k=3").listedMovies == [20, 40, 30])
        #expect(fixture.respond("/similar/10?k=3&genre=Comedy&exclude=20").listedMovies == [40])
        #expect(fixture.respond("/similar/10?k=1&offset=1").listedMovies == [40])
    }

    @Test func explainNamesTheRatedMoviesThatWeighed() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/recommendations/1?k=3&explain=true").json)
        #expect(json["explained_by"] == .string("mf"))
        guard case let .array(items)? = json["items"] else { Issue.record("no items"); return }
        // User 1 rated only 10 (5 stars). 20 points almost its way; 30 is orthogonal to it.
        guard case let .array(because20)? = items[0]["because"] else { Issue.record("no reasons"); return }
        #expect(because20.count == 1)
        #expect(because20.first?["movie"]?.int64 == 10)
        #expect(because20.first?["title"] == .string("Alpha (1990)"))
        #expect(because20.first?["rating"]?.double == 5)
        #expect(abs((because20.first?["weight"]?.double ?? 0) - 0.9 / (0.81 + 0.01).squareRoot()) < 1e-5)
        #expect(items[2]["movie"]?.int64 == 30)
        #expect(items[2]["because"] == .array([]))
        let plain = try #require(fixture.respond("/recommendations/1?k=3").json)
        #expect(plain["explained_by"] == nil)
    }

    @Test func explainOnPredict() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/predict?user=1&movie=40&explain=true").json)
        #expect(json["explained_by"] == .string("mf"))
        guard case let .array(because)? = json["because"] else { Issue.record("no reasons"); return }
        #expect(because.map { $0["movie"]?.int64 } == [10])
        let cold = try #require(fixture.respond("/recommendations/999?explain=true").json)
        #expect(cold["model"] == .string("most_rated"))
        #expect(cold["explained_by"] == .null)
    }
}
