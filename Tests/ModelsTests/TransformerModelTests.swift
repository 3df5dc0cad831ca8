import Foundation
import Testing
import Ratings
@testable import Models

/// The trained model's round trip through safetensors and the folded-batch-norm predictor.
@Suite struct TransformerModelTests {
    static func tinyModel(features: Bool) throws -> (TransformerModel, TransformerNetwork<Float>) {
        var config = TransformerNetworkGradientTests.tinyConfig(ratings: true, features: features, layers: 1)
        config.occupationCount = 22
        config.occupationSize = 3
        config.ageGroupCount = 8
        let network = TransformerNetwork<Float>(config: config, maxBatch: 8, seed: 11)
        // move the running statistics away from 0/1 so folding is exercised
        for block in network.layout.hidden {
            for o in 0..<block.outputSize {
                network.parameters.pointer[block.runningMean + o] = Float(o) * 0.1 - 0.2
                network.parameters.pointer[block.runningVar + o] = 0.5 + Float(o) * 0.2
            }
        }
        let vocabulary = TransformerVocabulary(
            movies: IDIndex([10, 20, 30, 40, 50]), users: IDIndex([7, 8, 9]),
            features: features ? try UserFeatureEncoder(occupations: ["a", "b"]) : nil)
        let model = try TransformerModel(config: config, parameters: network.parameters.array, vocabulary: vocabulary)
        return (model, network)
    }

    @Test func modelSurvivesTheModelFileWithStateDictNames() throws {
        let (model, _) = try Self.tinyModel(features: true)
        var file = SafeTensors()
        try model.write(into: &file)
        #expect(try file.shape("encoder.layers.0.self_attn.in_proj_weight") == [12, 4])
        #expect(try file.shape("linear.1.running_var") == [6])
        #expect(try file.shape("linear.10.weight") == [1, 3])
        let reread = try TransformerModel(from: try SafeTensors(data: try file.serialized()))
        #expect(reread.parameters == model.parameters)
        #expect(reread.config == model.config)
        #expect(reread.vocabulary == model.vocabulary)
    }

    @Test func loadingRejectsAWrongShape() throws {
        let (model, _) = try Self.tinyModel(features: false)
        var file = SafeTensors()
        try model.write(into: &file)
        try file.setFloats("linear.0.bias", [1, 2], shape: [2])
        #expect(throws: TransformerError.tensorMismatch(name: "linear.0.bias", expected: [6], found: [2])) {
            try TransformerModel(from: file)
        }
    }

    @Test(arguments: [false, true])
    func predictorWithFoldedBatchNormMatchesTheEvalNetwork(features: Bool) throws {
        let (model, network) = try Self.tinyModel(features: features)
        let predictor = TransformerPredictor(model: model, maxBatch: 3)
        let history: [(movieIndex: Int, rating: Float)] = [(4, 5), (0, 3.5), (2, 1)]
        let userFeatures = features ? UserFeatureIndices(gender: 1, ageGroup: 3, occupation: 21) : nil
        let candidates = [0, 1, 2, 3, 4]
        let scores = try predictor.predict(history: history, userIndex: 2, userFeatures: userFeatures, candidates: candidates)
        // reference: the training network in eval mode, S = 4 keeps the last 3 history entries
        let batch = TransformerBatch(
            count: 5, movies: candidates.flatMap { [5, 1, 3, Int32($0 + 1)] },
            ratings: Array(repeating: [5, 4, 1], count: 5).flatMap { $0 }, users: Array(repeating: 3, count: 5),
            features: features ? Array(repeating: [1, 3, 21], count: 5).flatMap { $0 } : [], targets: [])
        try network.load(batch)
        network.forward(training: false)
        let expected = Array(network.predictions.array.prefix(5))
        let worst = zip(scores, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5, "folded \(scores) vs eval \(expected)")
        #expect(Set(scores).count > 1)
    }

    @Test func predictorRejectsUnknownIndicesAndMissingFeatures() throws {
        let (model, _) = try Self.tinyModel(features: true)
        let predictor = TransformerPredictor(model: model)
        let features = UserFeatureIndices(gender: 0, ageGroup: 0, occupation: 0)
        #expect(throws: TransformerError.self) { try predictor.predict(history: [], userIndex: 3, userFeatures: features, candidates: [0]) }
        #expect(throws: TransformerError.self) { try predictor.predict(history: [], userIndex: 0, userFeatures: features, candidates: [5]) }
        #expect(throws: TransformerError.self) { try predictor.predict(history: [(9, 4)], userIndex: 0, userFeatures: features, candidates: [0]) }
        #expect(throws: TransformerError.self) { try predictor.predict(history: [], userIndex: 0, userFeatures: nil, candidates: [0]) }
        #expect(try predictor.predict(history: [], userIndex: 0, userFeatures: features, candidates: [0, 1]).count == 2)
    }
}
