import Testing
@testable import Models

/// The serving forward (`encodeNewest`) against the full eval forward's last slot, for
/// depths the PyTorch fixtures do not cover (no block at all) and inputs they do not hold
/// (every slot PAD, no slot PAD).
@Suite struct NextMovieNewestTests {
    @Test(arguments: [0, 1, 3])
    func newestSlotEqualsTheFullForward(layers: Int) throws {
        var config = NextMovieConfig(movieCount: 9)
        (config.sequenceLength, config.embeddingSize, config.heads) = (6, 8, 2)
        (config.feedForwardSize, config.layers, config.dropout) = (12, layers, 0)
        let network = NextMovieNetwork<Double>(config: config, maxBatch: 1, seed: 3)
        // Move the output table off its tiny initial values so the scores differ clearly.
        for i in 0..<network.layout.table.totalCount { network.parameters.pointer[i] *= 10 }
        let inputs: [([Int32], [Int32])] = [
            ([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
            ([0, 0, 0, 0, 0, 7], [0, 0, 0, 0, 0, 4]),
            ([0, 0, 3, 9, 1, 2], [0, 0, 5, 1, 3, 2]),
            ([4, 8, 8, 2, 6, 5], [1, 2, 3, 4, 5, 1]),
        ]
        for (movies, ratings) in inputs {
            try network.load(NextMovieBatch(count: 1, movies: movies, ratings: ratings, targets: [Int32](repeating: 0, count: 6)))
            network.encode(training: false)
            var full = [Double](repeating: 0, count: 9)
            full.withUnsafeMutableBufferPointer { network.scores($0.baseAddress!, sequence: 0, slot: 5) }
            var newest = [Double](repeating: 0, count: 9)
            let hidden = network.encodeNewest()
            newest.withUnsafeMutableBufferPointer { network.scores($0.baseAddress!, hidden: hidden) }
            let gap = zip(full, newest).map { abs($0 - $1) }.max() ?? .infinity
            #expect(gap < 1e-12, "\(layers) layers, input \(movies): largest difference \(gap)")
            #expect(Set(full.map { ($0 * 1e6).rounded() }).count > 1, "the scores tell movies apart")
        }
    }
}
