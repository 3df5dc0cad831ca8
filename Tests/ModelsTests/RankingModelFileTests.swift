import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

@Suite struct RankingModelFileTests {
    private let ials: ImplicitALSModel = {
        var configuration = ImplicitALSConfiguration()
        configuration.factors = 2
        configuration.targets = RatingWeights([.init(minimum: 4, value: 1), .init(minimum: 0, value: 0.25)])
        return ImplicitALSModel(users: IDIndex([10, 20, 30]), movies: IDIndex([7, 5]),
                                userFactors: Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6.5]),
                                itemFactors: Matrix(rows: 2, columns: 2, storage: [0.1, 0.2, 0.3, -0.4]),
                                configuration: configuration)
    }()
    /// Two input channels: a 6 × 3 matrix, zero at (j, j) and (3 + j, j).
    private let ease: EASEModel = {
        var configuration = EASEConfiguration()
        configuration.channels = [.init(inputs: .one, regularization: 1200), .init(inputs: .atLeast(4), regularization: 800)]
        configuration.targets = .atLeast(4)
        configuration.recencyDecay = 0.8
        return EASEModel(movies: IDIndex([7, 5, 9]),
                         weights: Matrix(rows: 6, columns: 3, storage: [0, 0.5, -0.25, 1, 0, 0.125, 2, 3, 0,
                                                                        0, 1.5, 2, -1, 0, 4, 0.5, 0.25, 0]),
                         configuration: configuration)
    }()
    private let scores = RankingValidationScores(users: 943, hitRate: 0.8123, ndcg: 0.3456789, holdout: "last-1")

    private func file() throws -> ModelFile {
        var file = ModelFile(training: TrainingFingerprint(ratings: 5, maxTimestamp: 9), createdAt: Date(timeIntervalSince1970: 0))
        try file.setImplicitALS(ials, summary: RankingModelSummary(validation: scores, bestEpoch: 7))
        try file.setEASE(ease, summary: RankingModelSummary(validation: nil))
        file.setRankingValidation(RankingValidationScores(users: 943, hitRate: 0.5, ndcg: 0.1, holdout: "last-1"), of: "most_rated")
        file.defaultRanker = "ials"
        return file
    }

    private func reopened(_ edit: (inout SafeTensors) throws -> Void) throws -> ModelFile {
        var container = try file().container
        try edit(&container)
        return try ModelFile(data: try container.serialized())
    }

    @Test func rankingModelsRoundTripBitForBit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ranking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("movierec.safetensors")
        try file().write(to: url)
        let read = try ModelFile(contentsOf: url)
        #expect(read.models == ["ials", "ease"])
        #expect(try read.implicitALS() == ials)
        #expect(try read.ease() == ease)
        #expect(try read.implicitALSSummary() == RankingModelSummary(validation: scores, bestEpoch: 7))
        #expect(read.easeSummary() == RankingModelSummary(validation: nil))
        #expect(read.rankingValidation(of: "ials") == scores)
        #expect(read.rankingValidation(of: "most_rated")?.ndcg == 0.1)
        #expect(read.rankingValidation(of: "ease") == nil)
        #expect(read.defaultRanker == "ials")
        #expect(try read.container.shape("ials.user_factors") == [3, 2])
        #expect(try read.container.shape("ease.weights") == [6, 3])
        #expect(read.container.metadata["ranking.most_rated.ndcg"] == "0.1")
        // A folded-in user from the reloaded model is the same as from the original.
        let history = [Rating(user: 1, movie: 5, value: 5, timestamp: 0)]
        #expect(try read.implicitALS().foldIn(history) == (try ials.foldIn(history)))
    }

    @Test func corruptRankingEntriesAreTypedErrors() {
        #expect(throws: ModelFileError.inconsistentShape(tensor: "ials.item_factors", expected: [2, 2], actual: [1, 2])) {
            try reopened { try $0.setFloats("ials.item_factors", [1, 2], shape: [1, 2]) }
        }
        #expect(throws: ModelFileError.nonFinite(tensor: "ials.user_factors")) {
            try reopened { try $0.setFloats("ials.user_factors", [1, 2, 3, .nan, 5, 6], shape: [3, 2]) }
        }
        #expect(throws: ModelFileError.duplicateID(tensor: "ease.item_ids", id: 7)) {
            try reopened { try $0.setInt64s("ease.item_ids", [7, 5, 7], shape: [3]) }
        }
        #expect(throws: ModelFileError.missingTensor("ials.user_ids")) {
            try reopened { $0.removeTensor("ials.user_ids") }
        }
        #expect(throws: ModelFileError.inconsistentShape(tensor: "ease.weights", expected: [6, 3], actual: [3, 3])) {
            try reopened { try $0.setFloats("ease.weights", [Float](repeating: 0, count: 9), shape: [3, 3]) }
        }
        #expect(throws: ModelFileError.nonZeroDiagonal(tensor: "ease.weights")) {
            var weights = [Float](repeating: 0, count: 18)
            weights[3 * 3 + 0] = 1  // channel 2's row for movie 7, column 7
            try reopened { try $0.setFloats("ease.weights", weights, shape: [6, 3]) }
        }
        #expect(throws: ModelFileError.wrongDType(tensor: "ease.item_ids", expected: .i64, actual: .f32)) {
            try reopened { try $0.setFloats("ease.item_ids", [7, 5, 9], shape: [3]) }
        }
        #expect(throws: ModelFileError.invalidMetadata(key: "ials.configuration", value: "{")) {
            try reopened { $0.metadata["ials.configuration"] = "{" }
        }
        #expect(throws: ModelFileError.invalidMetadata(key: "ranking.default", value: "mf")) {
            try reopened { $0.metadata["ranking.default"] = "mf" }
        }
        // Most-rated needs no tensors: a file may name it as its default ranker.
        #expect((try? reopened { $0.metadata["ranking.default"] = "most_rated" })?.defaultRanker == "most_rated")
        #expect(throws: ModelFileError.invalidMetadata(key: "ials.validation.ndcg", value: "high")) {
            try reopened { $0.metadata["ials.validation.ndcg"] = "high" }
        }
        #expect(throws: ModelFileError.missingModel("ease")) {
            try ModelFile(training: TrainingFingerprint(ratings: 0, maxTimestamp: 0)).ease()
        }
    }
}
