import Testing
import HTTP
@testable import Service

@Suite struct PredictTests {
    @Test func knownUserAndMovieGetTheMFPrediction() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/predict?user=1&movie=20")
        #expect(response.status == .ok)
        let json = try #require(response.json)
        // 3.5 + 0.25 + 0.25 + (1, 0)·(0.9, 0.1)
        #expect(abs(try #require(json["rating"]?.double) - 4.9) < 1e-5)
        #expect(json["model"] == .string("mf"))
        #expect(json["cold_start"] == .null)
        #expect(json["model_version"] == .string("test@1"))
    }

    @Test func unknownUserFallsBackToTheMovieBias() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/predict?user=999&movie=10").json)
        #expect(abs(try #require(json["rating"]?.double) - 4.0) < 1e-5)
        #expect(json["cold_start"] == .string("user"))
    }

    @Test func catalogueMovieUnknownToTheModelFallsBackToTheUserBias() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/predict?user=2&movie=50").json)
        #expect(abs(try #require(json["rating"]?.double) - 3.25) < 1e-5)
        #expect(json["cold_start"] == .string("movie"))
        let neither = try #require(fixture.respond("/predict?user=999&movie=50").json)
        #expect(neither["cold_start"] == .string("user_and_movie"))
        #expect(abs(try #require(neither["rating"]?.double) - 3.5) < 1e-5)
    }

    @Test func movieOutsideTheCatalogueIs404() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/predict?user=1&movie=77")
        #expect(response.status == .notFound)
        #expect(response.errorCode == "unknown_movie")
    }

    @Test(arguments: [
        ("/predict?movie=10", "missing_parameter"), ("/predict?user=1", "missing_parameter"),
        ("/predict?user=x&movie=10", "invalid_parameter"), ("/predict?user=1&movie=10&model=svd", "invalid_parameter"),
    ])
    func badParametersAre400(_ target: String, _ code: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond(target)
        #expect(response.status == .badRequest)
        #expect(response.errorCode == code)
    }

    @Test func noModelLoadedIs503() throws {
        let fixture = try ServiceFixture(withModel: false)
        defer { fixture.remove() }
        let response = fixture.respond("/predict?user=1&movie=10")
        #expect(response.status == .serviceUnavailable)
        #expect(response.errorCode == "no_model")
    }
}
