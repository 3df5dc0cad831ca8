import ArgumentParser
import Models

/// The transformer's flags for `train`, defaulting to the reference notebook's recipe but for
/// the number of epochs.
struct TransformerOptions: ParsableArguments {
    /// Five, not the notebook's ten: on MovieLens 100k a OneCycle over five epochs kept its
    /// third and beat a three-epoch cycle on the tuning rating (Benchmarks/transformer/QUALITY.md).
    @Option(name: .customLong("tf-epochs"), help: "Maximum transformer epochs (OneCycle spans them; early stopping on validation MAE).")
    var epochs = 5

    @Option(name: .customLong("tf-batch-size"), help: "Sequences per transformer batch.")
    var batchSize = TransformerTrainingOptions().batchSize

    @Option(name: .customLong("tf-max-lr"), help: "Peak learning rate of the OneCycle schedule.")
    var maxLearningRate = TransformerTrainingOptions().maxLearningRate

    @Option(name: .customLong("tf-weight-decay"), help: "AdamW weight decay.")
    var weightDecay = TransformerTrainingOptions().weightDecay

    @Option(name: .customLong("tf-patience"), help: "Epochs without a validation MAE gain (beyond 0.001) before stopping.")
    var patience = TransformerTrainingOptions().patience

    @Option(name: .customLong("tf-sequence-length"), help: "Tokens per sequence: the S − 1 latest rated movies and the target.")
    var sequenceLength = 10

    @Option(name: .customLong("tf-embedding-size"), help: "Model width d.")
    var embeddingSize = 120

    @Option(name: .customLong("tf-heads"), help: "Attention heads (must divide the width).")
    var heads = 12

    @Option(name: .customLong("tf-feed-forward"), help: "Width of the encoder's feed-forward layer.")
    var feedForward = 2048

    @Option(name: .customLong("tf-layers"), help: "Encoder layers.")
    var layers = 1

    @Flag(name: .customLong("tf-no-ratings"), help: "Leave the rating embedding out of history tokens (the notebook's first model).")
    var noRatings = false

    @Flag(name: .customLong("tf-user-features"), help: "Add gender, age-group and occupation embeddings where the data has them.")
    var userFeatures = false

    @Option(name: .customLong("tf-dropout"), help: "Dropout of the encoder layer (attention, feed-forward, residuals).")
    var encoderDropout = TransformerConfig(movieCount: 1, userCount: 1).encoderDropout

    @Option(name: .customLong("tf-head-dropout"), help: "Dropout after the head's second hidden block.")
    var headDropout = TransformerConfig(movieCount: 1, userCount: 1).hiddenDropout

    @Option(name: .customLong("tf-pct-start"), help: "Share of the OneCycle steps spent raising the learning rate.")
    var pctStart = TransformerTrainingOptions().pctStart

    @Flag(name: .customLong("tf-tuning"), help: """
        Tune on each user's second-newest rating: the newest is left out of training and validation, \
        so the figure on it stays unseen until the final run.
        """)
    var tuning = false

    @Option(name: .customLong("tf-validation-last"), help: """
        Each user's newest N ratings validate (and pick the kept epoch): 1 as the seeds' article \
        says, 2 as their notebook code does.
        """)
    var validationLast = 1

    @Option(name: .customLong("tf-max-batches"), help: "Train on at most this many batches per epoch (for quick runs).")
    var maxBatches: Int?

    @Option(name: .customLong("tf-blas-threads"), help: "OpenBLAS threads for the transformer's products; its element-wise layers already use two cores.")
    var blasThreads = 1

    /// The architecture; movie and user counts are filled in from the data.
    func config() throws -> TransformerConfig {
        var config = TransformerConfig(movieCount: 1, userCount: 1)
        config.sequenceLength = sequenceLength
        config.embeddingSize = embeddingSize
        config.heads = heads
        config.feedForwardSize = feedForward
        config.layers = layers
        config.useRatings = !noRatings
        config.useUserFeatures = userFeatures
        config.encoderDropout = encoderDropout
        config.hiddenDropout = headDropout
        do {
            try config.validate()
        } catch {
            throw ValidationError("transformer: \(error)")
        }
        return config
    }

    func trainingOptions(seed: UInt64) throws -> TransformerTrainingOptions {
        guard epochs >= 1, batchSize >= 2, maxLearningRate > 0, weightDecay >= 0, patience >= 1 else {
            throw ValidationError("--tf-epochs and --tf-patience must be ≥ 1, --tf-batch-size ≥ 2, --tf-max-lr > 0, --tf-weight-decay ≥ 0")
        }
        if let maxBatches, maxBatches < 1 { throw ValidationError("--tf-max-batches must be ≥ 1") }
        guard pctStart > 0, pctStart < 1 else { throw ValidationError("--tf-pct-start must be between 0 and 1") }
        guard blasThreads >= 1 else { throw ValidationError("--tf-blas-threads must be ≥ 1") }
        var options = TransformerTrainingOptions()
        options.epochs = epochs
        options.batchSize = batchSize
        options.maxLearningRate = maxLearningRate
        options.weightDecay = weightDecay
        options.patience = patience
        options.pctStart = pctStart
        options.seed = seed
        options.maxBatchesPerEpoch = maxBatches
        return options
    }
}
