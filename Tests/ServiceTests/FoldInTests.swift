import Foundation
import Models
import Ratings
import Testing
import Recommender
@testable import Service

@Suite struct FoldInTests {
    /// Planted taste, MF trained without 20 held-out users; each of them is folded in from
    /// their first 6 ratings in time order and scored on the rest: fold-in beats the
    /// cold-start answer (μ + b_i) a new user would otherwise get.
    @Test func foldInBeatsColdStartAfterAFewRatings() throws {
        let all = PlantedRatings.make(users: 120, movies: 40, density: 0.7)
        let heldOut = Set<Int64>(101...120)
        var configuration = MatrixFactorizationConfiguration()
        configuration.algorithm = .als
        configuration.factors = 2
        configuration.epochs = 10
        configuration.regularization = 0.1
        configuration.biasRegularization = 0.1
        let trained = try TrainingPipeline(configuration: configuration, holdout: .none)
            .run(all.filter { !heldOut.contains($0.user) }, fingerprint: TrainingFingerprint(ratings: 0, maxTimestamp: 0))
        let mf = trained.outcome.model
        let cache = FoldInCache()
        var foldIn = ErrorMetrics(), coldStart = ErrorMetrics()
        for user in heldOut.sorted() {
            let history = all.filter { $0.user == user }.sorted { $0.timestamp < $1.timestamp }
            let posted = Array(history.prefix(6)), later = history.dropFirst(6)
            let folded = try #require(try cache.folded(UserContext(user: user, source: InMemoryRatings(posted)), in: mf, version: "planted"))
            for rating in later {
                let movieIndex = mf.movies.index(of: rating.movie)
                foldIn.add(predicted: mf.predict(folded: folded, movieIndex: movieIndex), actual: rating.value)
                coldStart.add(predicted: mf.predict(userIndex: nil, movieIndex: movieIndex), actual: rating.value)
            }
        }
        #expect(foldIn.count > 300)
        #expect(foldIn.rmse < coldStart.rmse * 0.9, "fold-in RMSE \(foldIn.rmse) vs cold start \(coldStart.rmse)")
    }

    @Test func aNewUserGetsPersonalAnswersAsSoonAsTheyPost() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let before = try #require(fixture.respond("/predict?user=9000&movie=7").json)
        #expect(before["cold_start"] == .string("user"))
        #expect(before["folded_in"] == nil)
        #expect(fixture.foldIn.count == 1, "a user with nothing to fold in is cached as such")

        let posted = fixture.respond("/ratings", method: .post, body: """
            [{"user":9000,"movie":1,"rating":5},{"user":9000,"movie":2,"rating":1},{"user":9000,"movie":3,"rating":5}]
            """)
        #expect(posted.status == .created)
        let after = try #require(fixture.respond("/predict?user=9000&movie=7").json)
        #expect(after["cold_start"] == .null)
        #expect(after["model"] == .string("mf"))
        #expect(after["folded_in"] == .bool(true))
        let recommendations = try #require(fixture.respond("/recommendations/9000?k=30").json)
        #expect(recommendations["folded_in"] == .bool(true))
        #expect(recommendations["cold_start"] == .bool(false))
        guard case let .array(items)? = recommendations["items"] else { Issue.record("no items"); return }
        let movies = items.compactMap { $0["movie"]?.int64 }
        #expect(!movies.isEmpty && movies.allSatisfy { ![1, 2, 3].contains($0) }, "rated movies are not recommended")
        #expect(fixture.foldIn.count == 1)

        // Posting again drops the cached fold-in; the next answer uses every rating.
        _ = fixture.respond("/ratings", method: .post, body: #"{"user":9000,"movie":7,"rating":0.5}"#)
        #expect(fixture.foldIn.count == 0)
        let refreshed = try #require(fixture.respond("/predict?user=9000&movie=7").json)
        #expect(refreshed["rating"]?.double != after["rating"]?.double)
    }

    @Test func knownUsersAreFoldedInOnlyWhenAskedTo() throws {
        let plain = try LiveFixture()
        defer { plain.remove() }
        #expect(plain.respond("/predict?user=3&movie=4").json?["folded_in"] == nil)
        let eager = try LiveFixture(foldInSettings: FoldInCache.Settings(knownUsers: true))
        defer { eager.remove() }
        #expect(eager.respond("/predict?user=3&movie=4").json?["folded_in"] == .bool(true))
    }
}
