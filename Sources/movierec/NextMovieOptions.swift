import ArgumentParser
import Models

/// The next-movie transformer's flags for `train` and `eval` (`--seq-…`), defaulting to
/// the recipe movierec ships: 2 pre-norm blocks, d = 64, 2 heads, the latest 50 ratings,
/// Adam at 3e-3 with batches of 128 windows, full softmax (rated movies left out) up to
/// 20,000 movies.
struct NextMovieOptions: ParsableArguments {
    @Option(name: .customLong("seq-max-epochs"), help: "Maximum next-movie transformer epochs (early stopping on validation NDCG@10).")
    var maxEpochs = NextMovieTrainingOptions().maxEpochs

    @Option(name: .customLong("seq-patience"), help: "Epochs without a better validation NDCG@10 before stopping.")
    var patience = NextMovieTrainingOptions().patience

    @Option(name: .customLong("seq-batch-size"), help: "Windows of the latest ratings per batch.")
    var batchSize = NextMovieTrainingOptions().batchSize

    @Option(name: .customLong("seq-learning-rate"), help: "Adam's learning rate.")
    var learningRate = NextMovieTrainingOptions().learningRate

    @Option(name: .customLong("seq-loss"), help: "auto (full softmax up to --seq-full-softmax-limit movies, sampled above), full, or sampled-K (K negatives per batch).")
    var loss = "auto"

    @Option(name: .customLong("seq-full-softmax-limit"), help: "Largest catalogue the automatic loss gives the full softmax.")
    var fullSoftmaxLimit = NextMovieTrainingOptions().fullSoftmaxLimit

    @Option(name: .customLong("seq-length"), help: "Latest ratings read per user.")
    var sequenceLength = NextMovieConfig(movieCount: 1).sequenceLength

    @Option(name: .customLong("seq-embedding-size"), help: "Model width d.")
    var embeddingSize = NextMovieConfig(movieCount: 1).embeddingSize

    @Option(name: .customLong("seq-heads"), help: "Attention heads (must divide the width).")
    var heads = NextMovieConfig(movieCount: 1).heads

    @Option(name: .customLong("seq-feed-forward"), help: "Width of each block's feed-forward layer.")
    var feedForward = NextMovieConfig(movieCount: 1).feedForwardSize

    @Option(name: .customLong("seq-layers"), help: "Pre-norm encoder blocks.")
    var layers = NextMovieConfig(movieCount: 1).layers

    @Option(name: .customLong("seq-dropout"), help: "Dropout on embeddings, attention and both residual branches.")
    var dropout = NextMovieConfig(movieCount: 1).dropout

    @Flag(name: .customLong("seq-no-ratings"), help: "Leave each history movie's star rating out of its token.")
    var noRatings = false

    @Flag(name: .customLong("seq-keep-seen"), help: "Keep the movies already in a window in each slot's softmax (the reference's plain loss).")
    var keepSeen = false

    @Flag(name: .customLong("seq-untied"), help: "Score movies with an output table of their own instead of the input movie table.")
    var untied = false

    /// The trainer these flags describe, seeded with `seed`.
    func trainer(seed: UInt64) throws -> NextMovieTrainer {
        var config = NextMovieConfig(movieCount: 1)
        config.sequenceLength = sequenceLength
        config.embeddingSize = embeddingSize
        config.heads = heads
        config.feedForwardSize = feedForward
        config.layers = layers
        config.dropout = dropout
        config.useRatings = !noRatings
        config.tiedOutput = !untied
        var options = NextMovieTrainingOptions()
        options.maxEpochs = maxEpochs
        options.patience = patience
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.fullSoftmaxLimit = fullSoftmaxLimit
        options.excludeSeen = !keepSeen
        options.seed = seed
        options.loss = try parsedLoss()
        do {
            return try NextMovieTrainer(config: config, options: options)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        _ = try trainer(seed: 0)
        guard learningRate > 0, learningRate.isFinite else {
            throw ValidationError("--seq-learning-rate must be positive, got \(learningRate)")
        }
    }

    private func parsedLoss() throws -> NextMovieTrainingOptions.Loss {
        switch loss {
        case "auto": return .automatic
        case "full": return .full
        default:
            guard loss.hasPrefix("sampled-"), let k = Int(loss.dropFirst(8)), k >= 1 else {
                throw ValidationError("--seq-loss takes auto, full or sampled-K (K ≥ 1), got \"\(loss)\"")
            }
            return .sampled(negatives: k)
        }
    }
}
