import Foundation
import Linalg
import Ratings

/// Trains the next-movie transformer on every user's ratings in time order (full-softmax
/// or sampled cross-entropy at every slot, Adam) and keeps the epoch with the best
/// validation NDCG@10, stopping after `patience` epochs without one.
public final class NextMovieTrainer: Sendable {
    public let options: NextMovieTrainingOptions
    /// The sizes; the movie count is set from the training ratings.
    public let config: NextMovieConfig

    /// `config`'s sizes are used; its movie count is set from the training ratings.
    public init(config: NextMovieConfig = NextMovieConfig(movieCount: 1),
                options: NextMovieTrainingOptions = NextMovieTrainingOptions()) throws(NextMovieError) {
        try config.validate()
        guard options.batchSize >= 1, options.maxEpochs >= 1, options.patience >= 1 else {
            throw .invalidConfig("batch size, epochs and patience must be at least 1")
        }
        self.config = config
        self.options = options
    }

    /// Trains on `ratings`; with `validation`, ranks its users' next movies after every
    /// epoch and keeps the best epoch, otherwise runs `maxEpochs` epochs. Each report's
    /// `seconds` is the epoch's training time, validation excluded.
    ///
    /// OpenBLAS runs single-threaded meanwhile: each batch is split over the cores
    /// (`NextMovieShards`), and OpenBLAS's own threads, woken by any product, would spin
    /// against them.
    public func train(_ ratings: [Rating], validation: RankingValidation?,
                      onEpoch: (RankingEpochReport) -> Void = { _ in }) throws -> RankingTrainingOutcome<NextMovieModel> {
        try BLAS.withThreads(1) { try trainSingleThreadedBLAS(ratings, validation: validation, onEpoch: onEpoch) }
    }

    private func trainSingleThreadedBLAS(_ ratings: [Rating], validation: RankingValidation?,
                                         onEpoch: (RankingEpochReport) -> Void) throws -> RankingTrainingOutcome<NextMovieModel> {
        let movies = IDIndex(Set(ratings.map(\.movie)).sorted())
        var config = self.config
        config.movieCount = movies.count
        try config.validate()
        let sequences = NextMovieSequences(ratings: ratings, movies: movies, sequenceLength: config.sequenceLength)
        guard sequences.count > 0 else { throw NextMovieError.emptyTrainingSet }
        let B = options.batchSize
        let loss = options.resolvedLoss(movieCount: movies.count)
        let shards = NextMovieShards(config: config, loss: loss, excludeSeen: options.excludeSeen, batchSize: B,
                                     parts: ProcessInfo.processInfo.activeProcessorCount, seed: options.seed,
                                     counts: sequences.movieCounts)
        var optimizer = AdamW<Float>(table: NextMovieLayout(config).table, weightDecay: 0)
        var rng = SeededGenerator(seed: options.seed &+ 1)
        var order = Array(0..<sequences.count)
        var batchesPerEpoch = (sequences.count + B - 1) / B
        if let cap = options.maxBatchesPerEpoch { batchesPerEpoch = min(batchesPerEpoch, cap) }
        var reports: [RankingEpochReport] = []
        var best: (scores: RankingValidationScores?, epoch: Int, parameters: [Float])?
        for epoch in 1...options.maxEpochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextIndex(below: i + 1)) }
            let started = Date()
            var lossSum = 0.0
            var targets = 0
            for b in 0..<batchesPerEpoch {
                let step = try shards.step(sequences, order[(b * B)..<min(order.count, (b + 1) * B)])
                lossSum += step.loss
                targets += step.targets
                optimizer.update(parameters: shards.parameters.pointer, gradients: shards.gradients.pointer,
                                 learningRate: options.learningRate)
            }
            let trainSeconds = Date().timeIntervalSince(started)
            let parameters = shards.parameters.array
            let scores = try validation.map { validation in
                try validation.measure(movies: movies, chunk: 1_024) { histories in
                    try shards.scores(histories.map {
                        NextMovieSequences.input(history: $0, movies: movies, sequenceLength: config.sequenceLength)
                    })
                }
            }
            let isBest = best.map { kept in scores.map { $0.ndcg > kept.scores?.ndcg ?? -1 } ?? true } ?? true
            let report = RankingEpochReport(epoch: epoch, loss: lossSum / Double(max(targets, 1)), validation: scores,
                                            isBest: isBest, seconds: trainSeconds)
            reports.append(report)
            onEpoch(report)
            if isBest {
                best = (scores, epoch, parameters)
            } else if let kept = best, epoch - kept.epoch >= options.patience {
                break
            }
        }
        guard let chosen = best else { throw NextMovieError.emptyTrainingSet }
        let model = try NextMovieModel(config: config, parameters: chosen.parameters, movies: movies)
        return RankingTrainingOutcome(model: model, bestEpoch: chosen.epoch, reports: reports)
    }
}
