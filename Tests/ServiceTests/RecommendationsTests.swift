import Testing
import HTTP
@testable import Service

@Suite struct RecommendationsTests {
    private func movies(_ json: JSONValue) -> [Int64] {
        guard case let .array(items)? = json["items"] else { return [] }
        return items.compactMap { $0["movie"]?.int64 }
    }

    @Test func knownUserGetsBestUnratedMoviesWithTitles() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/recommendations/1?k=2").json)
        // user 1 rated 10; scores: 20 → 4.9, 40 → 4.35, 30 → 3.25
        #expect(movies(json) == [20, 40])
        #expect(json["model"] == .string("mf"))
        #expect(json["cold_start"] == .bool(false))
        guard case let .array(items)? = json["items"] else { Issue.record("no items"); return }
        #expect(items[0]["title"] == .string("Beta, The (1991)"))
    }

    @Test func ratingsPostedSinceTrainingAreExcluded() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let posted = fixture.respond("/ratings", method: .post, body: #"{"user":1,"movie":20,"rating":2}"#)
        #expect(posted.status == .created)
        let json = try #require(fixture.respond("/recommendations/1?k=2").json)
        #expect(movies(json) == [40, 30])
    }

    @Test func unknownUserGetsTheMostRatedMovies() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/recommendations/999?k=10").json)
        // by rating count (10: 3, then 20 and 30 with one each, lower id first); 40 has none
        #expect(movies(json) == [10, 20, 30])
        #expect(json["cold_start"] == .bool(true))
        #expect(json["model"] == .string("most_rated"))
    }

    @Test(arguments: ["/recommendations/1?k=0", "/recommendations/1?k=1001", "/recommendations/x"])
    func badParametersAre400(_ target: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond(target).status == .badRequest)
    }
}
