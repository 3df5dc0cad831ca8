import Ratings

/// The training recipe, defaulting to the notebook's: AdamW (weight decay 0.01) under
/// OneCycleLR with max learning rate 0.01 over 10 epochs, batch 512, early stopping on
/// validation MAE (patience 2, threshold 0.001) keeping the best epoch's weights.
public struct TransformerTrainingOptions: Sendable, Equatable {
    public var epochs = 10
    public var batchSize = 512
    public var maxLearningRate = 0.01
    public var weightDecay = 0.01
    /// Share of the OneCycle steps spent warming up (PyTorch's `pct_start`).
    public var pctStart = 0.3
    public var patience = 2
    public var threshold = 0.001
    /// Seeds initialisation, shuffling and dropout.
    public var seed: UInt64 = 42
    /// Stop after this many training batches per epoch (nil: all); for benchmarks.
    public var maxBatchesPerEpoch: Int?

    public init() {}
}

/// What one epoch did.
public struct TransformerEpochReport: Sendable {
    public let epoch: Int
    public let trainLoss: Double
    public let validation: ErrorMetrics
    public let trainSeconds: Double
    public let trainSequences: Int
    public var sequencesPerSecond: Double { Double(trainSequences) / trainSeconds }
}
