import Foundation
import Linalg
import Ratings

/// Trains the transformer on prepared sequences with the notebook's recipe and returns
/// the best epoch's model (lowest validation MAE).
public final class TransformerTrainer {
    public let config: TransformerConfig
    public let options: TransformerTrainingOptions
    let network: TransformerNetwork<Float>

    public init(config: TransformerConfig, options: TransformerTrainingOptions = TransformerTrainingOptions()) throws(TransformerError) {
        try config.validate()
        guard options.batchSize >= 2 else { throw .invalidConfig("batch size must be at least 2 (batch norm)") }
        self.config = config
        self.options = options
        network = TransformerNetwork<Float>(config: config, maxBatch: options.batchSize, seed: options.seed)
    }

    /// Runs up to `options.epochs` epochs, calling `onEpoch` after each, and returns the
    /// best epoch's model with its reports.
    public func train(
        _ train: TransformerSequences, validation: TransformerSequences, vocabulary: TransformerVocabulary,
        onEpoch: (TransformerEpochReport) -> Void = { _ in }
    ) throws(TransformerError) -> (model: TransformerModel, reports: [TransformerEpochReport], bestEpoch: Int) {
        guard train.count >= 2 else { throw .emptyTrainingSet }
        let B = options.batchSize
        var batchesPerEpoch = (train.count + B - 1) / B
        if train.count % B == 1 { batchesPerEpoch -= 1 } // a lone last row cannot be batch-normalised
        if let cap = options.maxBatchesPerEpoch { batchesPerEpoch = min(batchesPerEpoch, cap) }
        var schedule = OneCycleSchedule(maxLearningRate: options.maxLearningRate, totalSteps: options.epochs * batchesPerEpoch)
        schedule.pctStart = options.pctStart
        var optimizer = AdamW<Float>(table: network.layout.table, weightDecay: options.weightDecay)
        var rng = SeededGenerator(seed: options.seed &+ 1)
        var order = Array(0..<train.count)
        var reports: [TransformerEpochReport] = []
        var best: (mae: Double, epoch: Int, parameters: [Float])?
        var strikes = 0
        var stoppingReference: Double?
        var step = 0
        var batch = TransformerBatch(count: 0, movies: [], ratings: [], users: [], features: [], targets: [])
        for epoch in 1...max(1, options.epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            let started = Date()
            var lossSum = 0.0
            var seen = 0
            for b in 0..<batchesPerEpoch {
                let indices = order[(b * B)..<min(order.count, (b + 1) * B)]
                train.fill(&batch, indices)
                try network.load(batch)
                network.zeroGradients()
                lossSum += Double(network.forward(training: true)) * Double(indices.count)
                network.backward()
                let (rate, beta1) = schedule.values(at: step)
                optimizer.beta1 = beta1
                optimizer.update(parameters: network.parameters.pointer, gradients: network.gradients.pointer, learningRate: rate)
                step += 1
                seen += indices.count
            }
            let seconds = Date().timeIntervalSince(started)
            let metrics = try evaluate(validation)
            let report = TransformerEpochReport(epoch: epoch, trainLoss: lossSum / Double(max(seen, 1)), validation: metrics,
                                                trainSeconds: seconds, trainSequences: seen)
            reports.append(report)
            onEpoch(report)
            // As pytorch-accelerated's callbacks: the best weights are kept on any
            // improvement; patience counts epochs without an improvement beyond the threshold.
            if best.map({ metrics.mae < $0.mae }) ?? true {
                best = (metrics.mae, epoch, network.parameters.array)
            }
            if let reference = stoppingReference, reference - metrics.mae <= options.threshold {
                strikes += 1
            } else {
                stoppingReference = metrics.mae
                strikes = 0
            }
            if strikes >= options.patience { break }
        }
        let chosen = best ?? (Double.nan, 0, network.parameters.array)
        let model = try TransformerModel(config: config, parameters: chosen.parameters, vocabulary: vocabulary)
        return (model, reports, chosen.epoch)
    }

    /// MAE, MSE and RMSE of the current weights (eval mode) on `sequences`.
    public func evaluate(_ sequences: TransformerSequences) throws(TransformerError) -> ErrorMetrics {
        var metrics = ErrorMetrics()
        var batch = TransformerBatch(count: 0, movies: [], ratings: [], users: [], features: [], targets: [])
        var start = 0
        while start < sequences.count {
            let end = min(sequences.count, start + options.batchSize)
            sequences.fill(&batch, start..<end)
            try network.load(batch)
            network.forward(training: false)
            for i in 0..<batch.count {
                metrics.add(predicted: network.predictions.pointer[i], actual: batch.targets[i])
            }
            start = end
        }
        return metrics
    }
}
