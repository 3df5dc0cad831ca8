import Foundation
import Linalg

/// Serves rating predictions from a trained transformer: one user's history scored
/// against many candidate targets in a single batched pass, batch norm folded into the
/// head, no dropout. Buffers are allocated once; calls are serialised by a lock, so one
/// predictor can be shared across request threads.
public final class TransformerPredictor: @unchecked Sendable {
    public let model: TransformerModel
    public let maxBatch: Int
    private let network: TransformerNetwork<Float>
    private let head: FoldedHead
    private let hiddenOutputs: [ScalarBuffer<Float>]
    private let scores: ScalarBuffer<Float>
    private let lock = NSLock()

    /// `maxBatch` bounds the candidates scored per pass; more are scored in several passes.
    public init(model: TransformerModel, maxBatch: Int = 128) {
        self.model = model
        self.maxBatch = maxBatch
        network = TransformerNetwork<Float>(config: model.config, maxBatch: maxBatch)
        network.parameters.pointer.update(from: model.parameters, count: model.parameters.count)
        head = FoldedHead(parameters: model.parameters, layout: network.layout)
        hiddenOutputs = model.config.hiddenSizes.map { ScalarBuffer(maxBatch * $0) }
        scores = ScalarBuffer(maxBatch)
    }

    /// Predicted ratings of `candidates` (dense movie indices) for the user at dense index
    /// `userIndex` whose rating history (dense movie index, stars), oldest first, is
    /// `history`; only its last S − 1 entries are read. `userFeatures` is required exactly
    /// when the model was trained with user features.
    public func predict(
        history: [(movieIndex: Int, rating: Float)], userIndex: Int, userFeatures: UserFeatureIndices? = nil,
        candidates: [Int]
    ) throws(TransformerError) -> [Float] {
        let config = model.config
        let S = config.sequenceLength
        guard (0..<config.userCount).contains(userIndex) else { throw .indexOutOfRange("user index \(userIndex)") }
        guard (userFeatures != nil) == config.useUserFeatures else {
            throw .invalidConfig(config.useUserFeatures ? "this model needs user features" : "this model takes no user features")
        }
        let recent = history.suffix(S - 1)
        var historyMovies = [Int32](repeating: 0, count: S - 1 - recent.count)
        var historyRatings = historyMovies
        for entry in recent {
            guard (0..<config.movieCount).contains(entry.movieIndex) else {
                throw .indexOutOfRange("history movie index \(entry.movieIndex)")
            }
            historyMovies.append(Int32(entry.movieIndex + 1))
            historyRatings.append(TransformerVocabulary.ratingRow(entry.rating))
        }
        let featureRow = userFeatures.map { [$0.gender, $0.ageGroup, $0.occupation] } ?? []
        var result: [Float] = []
        result.reserveCapacity(candidates.count)
        lock.lock()
        defer { lock.unlock() }
        var start = 0
        while start < candidates.count {
            let chunk = candidates[start..<min(candidates.count, start + maxBatch)]
            var batch = TransformerBatch(count: chunk.count, movies: [], ratings: [], users: [], features: [], targets: [])
            for candidate in chunk {
                guard (0..<config.movieCount).contains(candidate) else {
                    throw .indexOutOfRange("candidate movie index \(candidate)")
                }
                batch.movies += historyMovies
                batch.movies.append(Int32(candidate + 1))
                batch.ratings += historyRatings
                batch.users.append(Int32(userIndex + 1))
                batch.features += featureRow
            }
            try network.load(batch)
            network.encode(training: false)
            runHead(chunk.count)
            result.append(contentsOf: UnsafeBufferPointer(start: scores.pointer, count: chunk.count))
            start += chunk.count
        }
        return result
    }

    /// Folded head over the network's head input: Linear′ → Mish per block, output Linear, scaled sigmoid.
    private func runHead(_ B: Int) {
        var input = UnsafePointer(network.headInput.pointer)
        for (block, output) in zip(head.blocks, hiddenOutputs) {
            linearForward(output.pointer, input, block.weight.pointer, block.bias.pointer, B, block.inputSize, block.outputSize)
            mishForward(output.pointer, output.pointer, B * block.outputSize)
            input = UnsafePointer(output.pointer)
        }
        linearForward(scores.pointer, input, head.outputWeight.pointer, head.outputBias.pointer, B, head.outputWeight.count, 1)
        sigmoidRangeForward(scores.pointer, scores.pointer, B, low: model.config.ratingLow, high: model.config.ratingHigh)
    }
}
