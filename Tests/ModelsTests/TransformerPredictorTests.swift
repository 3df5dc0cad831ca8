import Foundation
import Testing
import Ratings
@testable import Models

/// The serving path (shared history, folded batch norm, fused attention) against the
/// training network in eval mode, on tiny random weights and on the shipped model file.
@Suite struct TransformerPredictorTests {
    typealias History = [(movieIndex: Int, rating: Float)]

    /// The training network's eval-mode predictions for the same request, sequences built
    /// here the notebook's way: the last S − 1 history movies left-padded with PAD, then the target.
    static func reference(_ model: TransformerModel, history: History, user: Int, features: UserFeatureIndices?,
                          candidates: [Int]) throws -> [Float] {
        let S = model.config.sequenceLength
        let network = TransformerNetwork<Float>(config: model.config, maxBatch: candidates.count)
        network.parameters.pointer.update(from: model.parameters, count: model.parameters.count)
        let recent = history.suffix(S - 1)
        let pad = [Int32](repeating: 0, count: S - 1 - recent.count)
        let movies = pad + recent.map { Int32($0.movieIndex + 1) }
        let ratings = pad + recent.map { TransformerVocabulary.ratingRow($0.rating) }
        let featureRow = features.map { [$0.gender, $0.ageGroup, $0.occupation] } ?? []
        let batch = TransformerBatch(
            count: candidates.count, movies: candidates.flatMap { movies + [Int32($0 + 1)] },
            ratings: Array(repeating: ratings, count: candidates.count).flatMap { $0 },
            users: Array(repeating: Int32(user + 1), count: candidates.count),
            features: Array(repeating: featureRow, count: candidates.count).flatMap { $0 }, targets: [])
        try network.load(batch)
        network.forward(training: false)
        return Array(network.predictions.array.prefix(candidates.count))
    }

    static func worstDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test(arguments: [(false, 0), (false, 1), (true, 1), (false, 2), (true, 2)])
    func matchesTheEvalNetworkOnTinyWeights(features: Bool, layers: Int) throws {
        var config = TransformerNetworkGradientTests.tinyConfig(ratings: true, features: features, layers: layers)
        config.movieCount = 9
        let network = TransformerNetwork<Float>(config: config, maxBatch: 1, seed: 5)
        for block in network.layout.hidden {
            for o in 0..<block.outputSize {
                network.parameters.pointer[block.runningMean + o] = Float(o) * 0.1 - 0.2
                network.parameters.pointer[block.runningVar + o] = 0.5 + Float(o) * 0.2
            }
        }
        let vocabulary = TransformerVocabulary(
            movies: IDIndex((1...9).map { Int64($0) }), users: IDIndex([7, 8, 9]),
            features: features ? try UserFeatureEncoder(occupations: ["a", "b"]) : nil)
        let model = try TransformerModel(config: config, parameters: network.parameters.array, vocabulary: vocabulary)
        let predictor = TransformerPredictor(model: model, maxBatch: 4)
        let userFeatures = features ? UserFeatureIndices(gender: 1, ageGroup: 3, occupation: 4) : nil
        let candidates = [0, 8, 3, 3, 5, 1, 7, 2, 6, 4]
        // full (longer than S − 1, so truncated), short (left-padded) and empty histories
        for history: History in [[(4, 5), (0, 3.5), (2, 1), (6, 2), (8, 4)], [(5, 0.5)], []] {
            let scores = try predictor.predict(history: history, userIndex: 1, userFeatures: userFeatures, candidates: candidates)
            let expected = try Self.reference(model, history: history, user: 1, features: userFeatures, candidates: candidates)
            #expect(Self.worstDifference(scores, expected) < 1e-5, "served \(scores) vs eval \(expected)")
            #expect(Set(scores).count > 1)
            let single = try predictor.predict(history: history, userIndex: 1, userFeatures: userFeatures, candidates: [7])
            #expect(abs(single[0] - expected[6]) < 1e-5)
        }
    }

    /// The model file the repository ships, at the notebook's sizes. Prints the max difference.
    @Test func matchesTheEvalNetworkOnTheShippedModel() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../models/movierec.safetensors").standardizedFileURL
        let model = try ModelFile(contentsOf: url).transformer()
        let predictor = TransformerPredictor(model: model)
        // a few candidates, their layers split over three workspaces
        let split = TransformerPredictor(model: model, concurrency: 3, splitsLayers: true)
        let movies = model.config.movieCount
        let candidates = (0..<100).map { ($0 * 17 + 5) % movies }
        let full: History = (0..<12).map { ((($0 * 37) + 11) % movies, Float($0 % 5 + 1)) }
        var worst: Float = 0
        for history in [full, Array(full.prefix(3)), []] {
            let features = model.config.useUserFeatures ? UserFeatureIndices(gender: 0, ageGroup: 2, occupation: 3) : nil
            let scores = try predictor.predict(history: history, userIndex: 4, userFeatures: features, candidates: candidates)
            let expected = try Self.reference(model, history: history, user: 4, features: features, candidates: candidates)
            let single = try predictor.predict(history: history, userIndex: 4, userFeatures: features, candidates: [candidates[9]])
            let few = try split.predict(history: history, userIndex: 4, userFeatures: features,
                                        candidates: Array(candidates.prefix(7)))
            worst = max(worst, Self.worstDifference(scores, expected), abs(single[0] - expected[9]),
                        Self.worstDifference(few, Array(expected.prefix(7))))
        }
        print("served vs eval network on the shipped model: max |difference| \(worst)")
        #expect(worst < 1e-5)
    }

    @Test func concurrentRequestsShareABoundedPoolAndAgree() async throws {
        let (model, _) = try TransformerModelTests.tinyModel(features: false)
        let predictor = TransformerPredictor(model: model, maxBatch: 2, concurrency: 2)
        let history: History = [(4, 5), (0, 3.5)]
        let expected = try predictor.predict(history: history, userIndex: 2, candidates: [0, 1, 2, 3, 4])
        let results = try await withThrowingTaskGroup(of: [Float].self) { group in
            for _ in 0..<8 {
                group.addTask { try predictor.predict(history: history, userIndex: 2, candidates: [0, 1, 2, 3, 4]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
        #expect((1...2).contains(predictor.workspaceCount))
    }

    /// A request with enough candidates splits them over idle workspaces, one thread each; the
    /// scores, in candidate order, are those of one workspace scoring them all.
    @Test func aLargeRequestSplitOverIdleWorkspacesScoresAsOne() throws {
        let (model, _) = try TransformerModelTests.tinyModel(features: false)
        let history: History = [(4, 5), (0, 3.5), (2, 2)]
        let movies = model.config.movieCount
        let candidates = (0..<(3 * TransformerPredictor.minimumCandidatesPerThread + 5)).map { ($0 * 3 + 1) % movies }
        let alone = TransformerPredictor(model: model, maxBatch: 8, concurrency: 1)
        let split = TransformerPredictor(model: model, maxBatch: 8, concurrency: 3)
        let expected = try alone.predict(history: history, userIndex: 1, candidates: candidates)
        let scores = try split.predict(history: history, userIndex: 1, candidates: candidates)
        #expect(split.workspaceCount == 3, "53 candidates at 16 per thread use every workspace")
        #expect(alone.workspaceCount == 1)
        #expect(Self.worstDifference(scores, expected) < 1e-6)
        let few = Array(candidates.prefix(TransformerPredictor.minimumCandidatesPerThread + 1))
        let fresh = TransformerPredictor(model: model, maxBatch: 8, concurrency: 3)
        _ = try fresh.predict(history: history, userIndex: 1, candidates: few)
        #expect(fresh.workspaceCount == 1, "fewer than two threads' worth of candidates stay on one")
    }

    /// A request with too few candidates to split shares each feed-forward block and the
    /// head's first two layers with idle workspaces, by units; the parts' sums must give the
    /// eval network's scores, for any depth of encoder and head, and for a part left with no
    /// units (a first head block narrower than the team).
    @Test(arguments: [(1, [6, 5, 3]), (2, [6, 5, 3]), (0, [6, 5, 3]), (1, [6]), (1, [2, 3])])
    func aFewCandidatesSplitTheirLayersOverIdleWorkspaces(layers: Int, hiddenSizes: [Int]) throws {
        var config = TransformerNetworkGradientTests.tinyConfig(ratings: true, features: true, layers: layers)
        config.movieCount = 9
        config.hiddenSizes = hiddenSizes
        let network = TransformerNetwork<Float>(config: config, maxBatch: 1, seed: 8)
        let vocabulary = TransformerVocabulary(
            movies: IDIndex((1...9).map { Int64($0) }), users: IDIndex([7, 8, 9]),
            features: try UserFeatureEncoder(occupations: ["a", "b"]))
        let model = try TransformerModel(config: config, parameters: network.parameters.array, vocabulary: vocabulary)
        let split = TransformerPredictor(model: model, maxBatch: 4, concurrency: 3, splitsLayers: true)
        let features = UserFeatureIndices(gender: 2, ageGroup: 1, occupation: 3)
        let history: History = [(4, 5), (0, 3.5), (2, 1)]
        for candidates in [[6], [0, 8, 3, 5, 1, 7]] {
            let scores = try split.predict(history: history, userIndex: 2, userFeatures: features, candidates: candidates)
            let expected = try Self.reference(model, history: history, user: 2, features: features, candidates: candidates)
            #expect(Self.worstDifference(scores, expected) < 1e-5, "split \(scores) vs eval \(expected)")
        }
        #expect(split.workspaceCount == 3, "one request took both idle workspaces as helpers")
        let alone = TransformerPredictor(model: model, maxBatch: 4, concurrency: 3, splitsLayers: false)
        _ = try alone.predict(history: history, userIndex: 2, userFeatures: features, candidates: [6])
        #expect(alone.workspaceCount == 1)
    }

    /// The notebook's sizes split their layers by default; the tiny test model's do not.
    @Test func onlyALargeFeedForwardBlockSplitsByDefault() throws {
        let (tiny, _) = try TransformerModelTests.tinyModel(features: false)
        #expect(!TransformerPredictor(model: tiny).splitsLayers)
        var config = tiny.config
        config.embeddingSize = 120
        config.heads = 12
        config.feedForwardSize = 2048
        let network = TransformerNetwork<Float>(config: config, maxBatch: 1, seed: 1)
        let large = try TransformerModel(config: config, parameters: network.parameters.array, vocabulary: tiny.vocabulary)
        #expect(TransformerPredictor(model: large).splitsLayers)
    }

    @Test func noCandidatesScoreNothing() throws {
        let (model, _) = try TransformerModelTests.tinyModel(features: false)
        #expect(try TransformerPredictor(model: model).predict(history: [(1, 4)], userIndex: 0, candidates: []).isEmpty)
    }
}
