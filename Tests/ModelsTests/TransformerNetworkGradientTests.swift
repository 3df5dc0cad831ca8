import Testing
@testable import Models

/// The whole network's backward pass against central finite differences in Double, at a
/// tiny configuration with dropout off and batch norm in training mode (batch statistics).
@Suite struct TransformerNetworkGradientTests {
    static func tinyConfig(ratings: Bool, features: Bool, layers: Int) -> TransformerConfig {
        var config = TransformerConfig(movieCount: 5, userCount: 3)
        config.sequenceLength = 4
        config.embeddingSize = 4
        config.heads = 2
        config.feedForwardSize = 6
        config.layers = layers
        config.hiddenSizes = [6, 5, 3]
        config.useRatings = ratings
        config.useUserFeatures = features
        config.genderCount = 3; config.genderSize = 2
        config.ageGroupCount = 4; config.ageGroupSize = 2
        config.occupationCount = 5; config.occupationSize = 3
        config.encoderDropout = 0
        config.hiddenDropout = 0
        return config
    }

    static let batch = TransformerBatch(
        count: 4,
        movies: [0, 0, 1, 2, 3, 4, 5, 1, 0, 2, 2, 3, 0, 0, 0, 5],
        ratings: [0, 0, 4, 1, 5, 2, 0, 3, 3, 0, 0, 0],
        users: [1, 2, 3, 1],
        features: [0, 1, 2, 1, 3, 4, 2, 0, 0, 0, 1, 2],
        targets: [4, 1, 5, 3])

    @Test(arguments: [(true, true, 2), (false, false, 1), (true, false, 1)])
    func everyParameterGradientMatchesFiniteDifferences(ratings: Bool, features: Bool, layers: Int) throws {
        let config = Self.tinyConfig(ratings: ratings, features: features, layers: layers)
        let network = TransformerNetwork<Double>(config: config, maxBatch: 4, seed: 3)
        try network.load(Self.batch)
        network.zeroGradients()
        network.forward(training: true)
        network.backward()
        let analytic = network.gradients.array
        let original = network.parameters.array
        func loss(_ values: [Double]) -> Double {
            network.parameters.pointer.update(from: values, count: values.count)
            return network.forward(training: true)
        }
        for entry in network.layout.table.entries where entry.trainable {
            let slice = Array(original[entry.offset..<(entry.offset + entry.count)])
            var numeric = GradientCheck.numeric(slice) { values in
                var all = original
                all.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
                return loss(all)
            }
            if entry.name == "movies_embeddings.weight" || entry.name == "ratings_embeddings.weight" {
                for c in 0..<config.embeddingSize { numeric[c] = 0 } // PAD row: no gradient, as padding_idx
            }
            let analyticSlice = Array(analytic[entry.offset..<(entry.offset + entry.count)])
            if entry.name == "user_embeddings.weight" || entry.name.hasPrefix("sex_") || entry.name.hasPrefix("age_")
                || entry.name.hasPrefix("occupation_") || entry.name == "position_embeddings.weight" {
                // sparse tables: compare without requiring every row to be hit
                let worst = zip(analyticSlice, numeric).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
                #expect(worst <= GradientCheck.tolerance, "\(entry.name): worst \(worst)")
            } else {
                // zero by construction: a constant shift before batch norm (hidden biases, and the
                // last encoder bias, which shifts every head input column) cancels out
                let feedsBatchNorm = network.layout.hidden.contains { $0.bias == entry.offset }
                    || entry.name == "encoder.layers.\(layers - 1).norm2.bias"
                GradientCheck.expectClose(analyticSlice, numeric, entry.name, requireSignal: !feedsBatchNorm)
            }
        }
    }
}
