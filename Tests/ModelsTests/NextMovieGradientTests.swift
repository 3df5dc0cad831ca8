import Linalg
import Testing
@testable import Models

/// The next-movie transformer's backward pass against central finite differences in
/// Double: the causal attention layer alone, then the whole network with the full and the
/// sampled softmax, at tiny sizes with dropout off, and with dropout on under fixed masks.
@Suite struct NextMovieGradientTests {
    static func tinyConfig(ratings: Bool, tied: Bool, layers: Int) -> NextMovieConfig {
        var config = NextMovieConfig(movieCount: 7)
        config.sequenceLength = 5
        config.embeddingSize = 4
        config.heads = 2
        config.feedForwardSize = 6
        config.layers = layers
        config.dropout = 0
        config.useRatings = ratings
        config.tiedOutput = tied
        return config
    }

    /// Left-padded windows; one real slot without a target (row 1, slot 2).
    static let batch = NextMovieBatch(
        count: 3,
        movies: [0, 0, 3, 1, 4, 2, 7, 5, 6, 1, 0, 0, 0, 0, 5],
        ratings: [0, 0, 4, 5, 3, 1, 2, 3, 4, 5, 0, 0, 0, 0, 3],
        targets: [0, 0, 1, 4, 2, 7, 5, 0, 1, 3, 0, 0, 0, 0, 6])

    @Test func causalAttentionGradientMatchesFiniteDifferences() {
        let (B, T, C, NH) = (2, 4, 4, 2)
        let padding: [Bool] = [true, false, false, false, false, false, false, false]
        let qkv0 = GradientCheck.values(B * T * 3 * C, seed: 11)
        let weights = GradientCheck.values(B * T * C, seed: 12)
        func forward(_ qkv: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: B * T * C)
            var probs = [Double](repeating: 0, count: B * NH * T * T)
            var attended = probs
            attentionForward(&out, &probs, &attended, qkv, padding, nil, B, T, C, NH, causal: true)
            return out
        }
        var out = [Double](repeating: 0, count: B * T * C)
        var probs = [Double](repeating: 0, count: B * NH * T * T)
        var attended = probs
        attentionForward(&out, &probs, &attended, qkv0, padding, nil, B, T, C, NH, causal: true)
        // Masked entries are exactly zero: no query sees a later key, no real query sees PAD.
        for b in 0..<B {
            for h in 0..<NH {
                for t in 0..<T {
                    for j in 0..<T where j > t || (padding[b * T + j] && j != t) {
                        #expect(probs[((b * NH + h) * T + t) * T + j] == 0)
                    }
                }
            }
        }
        var dqkv = [Double](repeating: 0, count: qkv0.count)
        var scratch = [Double](repeating: 0, count: 2 * T * T)
        attentionBackward(&dqkv, weights, qkv0, probs, attended, nil, &scratch, B, T, C, NH)
        let numeric = GradientCheck.numeric(qkv0) { GradientCheck.dot(forward($0), weights) }
        GradientCheck.expectClose(dqkv, numeric, "causal attention dqkv")
    }

    enum Softmax: CaseIterable { case full, fullExcludingSeen, sampled }

    @Test(arguments: [(true, true, 2), (false, false, 1), (true, false, 1), (false, true, 2)], Softmax.allCases)
    func everyParameterGradientMatchesFiniteDifferences(shape: (Bool, Bool, Int), softmax: Softmax) throws {
        try check(Self.tinyConfig(ratings: shape.0, tied: shape.1, layers: shape.2), softmax)
    }

    /// Dropout on: every forward of the check redraws the same masks (the generator is
    /// rewound), so the embedding, attention-weight, residual and feed-forward masks'
    /// backward paths are checked too.
    @Test(arguments: [(true, true, 2), (false, false, 1)])
    func gradientWithDropoutMatchesFiniteDifferences(shape: (Bool, Bool, Int)) throws {
        var config = Self.tinyConfig(ratings: shape.0, tied: shape.1, layers: shape.2)
        config.dropout = 0.3
        try check(config, .full)
    }

    private func check(_ config: NextMovieConfig, _ softmax: Softmax) throws {
        let network = NextMovieNetwork<Double>(config: config, maxBatch: 3, seed: 3)
        // Non-trivial norms and output bias, so that their gradients are exercised.
        var rng = SeededGenerator(seed: 9)
        for entry in network.layout.table.entries where entry.name.contains("norm") || entry.name == "output.bias" {
            for i in entry.offset..<(entry.offset + entry.count) {
                network.parameters.pointer[i] += (rng.nextUniform() - 0.5) * 0.4
            }
        }
        let loss: NextMovieOutput<Double>.Loss = softmax == .sampled ? .sampled(negatives: 5) : .full
        let output = NextMovieOutput<Double>(loss: loss, config: config, maxBatch: 3, counts: [0, 5, 1, 3, 8, 2, 1, 4],
                                             excludeSeen: softmax == .fullExcludingSeen)
        var draws = SeededGenerator(seed: 5)
        output.drawNegatives(&draws)
        try network.load(Self.batch)
        let masks = network.rng
        network.zeroGradients()
        network.encode(training: true)
        _ = output.lossAndGradient(network)
        network.backward()
        let analytic = network.gradients.array
        let original = network.parameters.array
        func value(_ values: [Double]) -> Double {
            network.parameters.pointer.update(from: values, count: values.count)
            network.rng = masks
            network.encode(training: true)
            return output.lossAndGradient(network)
        }
        for entry in network.layout.table.entries {
            let numeric = GradientCheck.numeric(Array(original[entry.offset..<(entry.offset + entry.count)])) { values in
                var all = original
                all.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
                return value(all)
            }
            let analyticSlice = Array(analytic[entry.offset..<(entry.offset + entry.count)])
            // The PAD rows (movie and rating tables, bias entry 0) get no gradient, as padding_idx.
            if entry.name.hasPrefix("movie_") || entry.name.hasPrefix("rating_") || entry.name == "output.bias"
                || entry.name == "output.weight" {
                let padWidth = entry.name == "output.bias" ? 1 : config.embeddingSize
                #expect(analyticSlice.prefix(padWidth).allSatisfy { $0 == 0 }, "\(entry.name): PAD row has a gradient")
            }
            GradientCheck.expectClose(analyticSlice, numeric, "\(softmax) \(entry.name)")
        }
    }
}
