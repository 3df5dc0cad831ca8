/// How the next-movie transformer is trained: Adam at a constant learning rate on shuffled
/// windows of 128, early stopping on validation NDCG@10 (the best epoch's weights are kept).
public struct NextMovieTrainingOptions: Sendable, Equatable {
    /// Which softmax the loss uses.
    public enum Loss: Sendable, Equatable {
        /// Full softmax up to `fullSoftmaxLimit` movies, sampled above.
        case automatic
        case full
        case sampled(negatives: Int)
    }

    public var maxEpochs = 200
    /// Epochs without a better validation NDCG@10 before training stops: the curve is noisy
    /// (± 0.005 from epoch to epoch on MovieLens 100k) and still rising slowly after epoch 60.
    public var patience = 15
    public var batchSize = 128
    /// Three times the usual SASRec rate, with `excludeSeen`: on MovieLens 100k's inner
    /// next-item split that reached validation NDCG@10 0.132 at epoch 74, where the reference
    /// recipe's loss at 2e-3 reached 0.128 at epoch 106 (Benchmarks/sequence/RESULTS.md).
    public var learningRate = 3e-3
    public var loss = Loss.automatic
    /// Leave the movies already in a window out of each of its slots' softmax (full loss):
    /// a user rates a movie once and serving never lists a rated movie, so probability spent
    /// on them is wasted.
    public var excludeSeen = true
    /// Above this many movies the automatic loss samples: the full softmax's three products
    /// grow with the catalogue (at 60,000 movies they cost 36× ML-100k's), the sampled one's do not.
    public var fullSoftmaxLimit = 20_000
    public var sampledNegatives = 1_024
    /// Seeds initialisation, shuffling, dropout and negative draws.
    public var seed: UInt64 = 42
    /// Stop after this many batches per epoch (nil: all); for benchmarks and tests.
    public var maxBatchesPerEpoch: Int?

    public init() {}

    /// How the model file names the loss a catalogue of `movieCount` movies trains with:
    /// `full` or `sampled-K`.
    public func lossName(movieCount: Int) -> String {
        switch resolvedLoss(movieCount: movieCount) {
        case .full: return "full"
        case let .sampled(k): return "sampled-\(k)"
        }
    }

    /// The softmax for a catalogue of `movieCount` movies.
    func resolvedLoss(movieCount: Int) -> NextMovieOutput<Float>.Loss {
        switch loss {
        case .full: return .full
        case let .sampled(k): return .sampled(negatives: k)
        case .automatic: return movieCount > fullSoftmaxLimit ? .sampled(negatives: sampledNegatives) : .full
        }
    }
}
