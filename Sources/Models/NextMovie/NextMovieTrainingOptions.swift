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
    /// Epochs without a better validation NDCG@10 before training stops.
    public var patience = 10
    public var batchSize = 128
    /// Twice the usual SASRec rate: on MovieLens 100k's inner next-item split 2e-3 reached its
    /// best validation NDCG@10 (0.113) at epoch 28, 1e-3 reached 0.108 at epoch 38 and 3e-3
    /// 0.111 at epoch 26 (Benchmarks/sequence/RESULTS.md).
    public var learningRate = 2e-3
    public var loss = Loss.automatic
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
