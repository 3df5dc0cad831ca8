import Foundation
import Models
import Ratings
import Testing
@testable import Service

@Suite struct ModelManagerTests {
    private func newRatings(user: Int64, count: Int) -> [Rating] {
        (1...count).map { Rating(user: user, movie: Int64($0), value: 4, timestamp: 9_000 + Int64($0)) }
    }

    @Test func retrainingWritesAVersionedFileAndSwapsItIn() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let before = try #require(fixture.manager.serving)
        try fixture.store.add(newRatings(user: 500, count: 6))
        #expect(try fixture.manager.ratingsSinceServing() == 6)
        let health = try #require(fixture.respond("/health").json)
        #expect(health["model"]?["ratings_since"]?.int64 == 6)

        let state = fixture.manager.retrain()
        guard case let .succeeded(_, version) = state else { Issue.record("retraining ended \(state)"); return }
        let after = try #require(fixture.manager.serving)
        #expect(after.version == version)
        #expect(after.version != before.version)
        #expect(fixture.manager.registry.current?.info.version == version)
        #expect(fixture.manager.registry.current?.mf.users.index(of: 500) != nil)
        #expect(try fixture.manager.ratingsSinceServing() == 0)
        let names = try fixture.models.names()
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasPrefix("movierec-") && $0.hasSuffix(".safetensors") })
        #expect(names.last == after.file)

        let updated = try #require(fixture.respond("/health").json)
        #expect(updated["retraining"]?["state"] == .string("succeeded"))
        #expect(updated["retraining"]?["version"] == .string(version))
        #expect(updated["model"]?["ratings_since"]?.int64 == 0)
        #expect(updated["model"]?["fingerprint"] == .string(after.fingerprint))
        #expect(updated["model"]?["age_seconds"]?.int64 != nil)
        let metrics = String(decoding: fixture.respond("/metrics").body, as: UTF8.self)
        #expect(metrics.contains("movierec_ratings_since_model 0\n"))
        #expect(metrics.contains("movierec_retraining_state{state=\"succeeded\"} 1\n"))
        #expect(metrics.contains("movierec_retraining_state{state=\"failed\"} 0\n"))
    }

    @Test func aWorseModelIsRejectedAndTheOldOneKeepsServing() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        // Serve a copy of the model that claims a validation RMSE no retraining can match.
        let current = try #require(fixture.manager.serving)
        var file = try ModelFile(contentsOf: fixture.models.url(of: current.file))
        var summary = try #require(try file.matrixFactorizationSummary())
        summary.validation = ValidationScores(count: 40, mae: 0.001, mse: 0.000001, rmse: 0.001)
        try file.setMatrixFactorization(try file.matrixFactorization(), summary: summary)
        let flattering = try fixture.models.write(file, createdAt: Date().addingTimeInterval(1), ratings: 1)
        try fixture.manager.reload(name: flattering)
        let serving = try #require(fixture.manager.registry.current?.info.version)

        let state = fixture.manager.retrain()
        guard case let .rejected(_, reason) = state else { Issue.record("retraining ended \(state)"); return }
        #expect(reason.contains("worse than the serving model's 0.0010"))
        #expect(fixture.manager.registry.current?.info.version == serving)
        #expect(try fixture.models.names().count == 2, "a rejected model is not written")
        let health = try #require(fixture.respond("/health").json)
        #expect(health["retraining"]?["state"] == .string("rejected"))
        #expect(health["retraining"]?["detail"] == .string(reason))
    }

    @Test func aFailedRetrainingKeepsTheServingModelAndSaysWhy() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        var broken = LiveFixture.pipeline()
        broken.configuration.factors = 0
        let manager = ModelManager(store: fixture.store, registry: fixture.manager.registry,
                                   options: ModelManager.Options(directory: fixture.models, pipeline: broken))
        let serving = fixture.manager.registry.current?.info.version
        let state = manager.retrain()
        guard case let .failed(_, error) = state else { Issue.record("retraining ended \(state)"); return }
        #expect(error.contains("factors must be at least 1"))
        #expect(fixture.manager.registry.current?.info.version == serving)
    }

    @Test func onlyTheNewestModelsAreKept() throws {
        let fixture = try LiveFixture(keep: 2)
        defer { fixture.remove() }
        for round in 0..<3 {
            try fixture.store.add(newRatings(user: Int64(600 + round), count: 3))
            guard case .succeeded = fixture.manager.retrain() else { Issue.record("round \(round) failed"); return }
        }
        let names = try fixture.models.names()
        #expect(names.count == 2)
        #expect(names.last == fixture.manager.serving?.file)
    }

    @Test func halfWrittenFilesAreNeverLoadedAndTemporariesAreRemoved() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let good = try #require(fixture.manager.serving?.file)
        let data = try Data(contentsOf: fixture.models.url(of: good))
        // What a crash leaves: a temporary from an interrupted write, and (worse than
        // atomic writes allow) a truncated file under a newer versioned name.
        let temporary = ".\(ModelDirectory.versionedName(createdAt: Date(), ratings: 9)).tmp-123-456"
        try data.prefix(100).write(to: fixture.models.url(of: temporary))
        let truncated = ModelDirectory.versionedName(createdAt: Date().addingTimeInterval(60), ratings: 9)
        try data.prefix(data.count / 2).write(to: fixture.models.url(of: truncated))

        let restarted = ModelManager(store: fixture.store, registry: ModelRegistry(),
                                     options: ModelManager.Options(directory: fixture.models))
        try restarted.loadInitial(fallback: nil)
        #expect(restarted.serving?.file == good)
        #expect(!FileManager.default.fileExists(atPath: fixture.models.url(of: temporary).path))
        let entries = try fixture.models.entries()
        #expect(entries.first { $0.name == truncated }?.isValid == false)
        #expect(throws: ModelManagerError.self) { try restarted.reload(name: truncated) }
        #expect(restarted.serving?.file == good)
    }

    @Test func reloadTakesANamedFileAndRefusesOthers() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let first = try #require(fixture.manager.serving?.file)
        guard case .succeeded = fixture.manager.retrain() else { Issue.record("retraining failed"); return }
        #expect(fixture.manager.serving?.file != first)
        try fixture.manager.reload(name: first)
        #expect(fixture.manager.serving?.file == first)
        #expect(throws: ModelManagerError.noSuchFile("../store.sqlite")) { try fixture.manager.reload(name: "../store.sqlite") }
        try fixture.manager.reload(name: nil)
        #expect(fixture.manager.serving?.file == (try fixture.models.names().last))
    }

    @Test func intervalsParseWithTheirUnits() {
        #expect(RetrainInterval.parse("90s") == .seconds(90))
        #expect(RetrainInterval.parse("30m") == .seconds(1_800))
        #expect(RetrainInterval.parse("1h") == .seconds(3_600))
        #expect(RetrainInterval.parse("250ms") == .milliseconds(250))
        for bad in ["", "10", "0s", "-5m", "1d", "m"] { #expect(RetrainInterval.parse(bad) == nil, "\(bad)") }
    }
}
