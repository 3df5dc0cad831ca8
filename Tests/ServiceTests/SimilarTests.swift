import Testing
import HTTP
@testable import Service

@Suite struct SimilarTests {
    @Test func mostCosineSimilarMoviesFirstExcludingItself() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/similar/10?k=3").json)
        guard case let .array(items)? = json["items"] else { Issue.record("no items"); return }
        #expect(items.compactMap { $0["movie"]?.int64 } == [20, 40, 30])
        // cos((1,0),(0.9,0.1)) = 0.9 / sqrt(0.82)
        #expect(abs(try #require(items[0]["score"]?.double) - 0.9 / 0.82.squareRoot()) < 1e-5)
        #expect(items[2]["score"]?.double == 0)
    }

    @Test func unknownMovieIs404AndMovieWithoutEmbeddingIs404() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond("/similar/77").errorCode == "unknown_movie")
        #expect(fixture.respond("/similar/50").errorCode == "movie_not_in_model")
    }
}
