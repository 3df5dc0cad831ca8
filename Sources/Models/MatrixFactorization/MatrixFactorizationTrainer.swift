import Foundation
import Linalg
import Ratings

/// Trains a `MatrixFactorizationModel` from ratings with SGD or ALS.
///
/// With validation ratings it stops early on validation RMSE (after `patience` epochs
/// without improvement) and returns the best epoch's parameters; without them it runs
/// exactly `epochs` epochs, the deployment mode once a validation run chose the count.
/// Results depend only on the set of ratings (not their order), the configuration and its
/// seed, and for SGD the thread count: the same inputs give the same bits.
public struct MatrixFactorizationTrainer: Sendable {
    public var configuration: MatrixFactorizationConfiguration

    public init(configuration: MatrixFactorizationConfiguration = .init()) {
        self.configuration = configuration
    }

    public func train(_ training: [Rating], validation: [Rating] = [],
                      onEpoch: (EpochReport) -> Void = { _ in }) throws -> TrainingOutcome {
        try configuration.validate()
        let data = try IndexedRatings(training)
        var generator = SeededGenerator(seed: configuration.seed)
        var model = initialModel(data, generator: &generator)
        let median = data.median
        let baseline = validation.isEmpty ? nil : ErrorMetrics.measure(validation) { _ in median }
        // Dense indices looked up once (nil for ids unseen in training), not every epoch.
        let validationIndices = validation.map { (data.users.index(of: $0.user), data.movies.index(of: $0.movie)) }
        let groups = configuration.algorithm == .als
            ? ALSSweep.Groups(byUser: data.grouped(byUser: true), byMovie: data.grouped(byUser: false)) : nil
        let order = configuration.algorithm == .sgd ? SGDSweep.Order(data) : nil
        var learningRate = configuration.learningRate
        var best: (model: MatrixFactorizationModel, epoch: Int, rmse: Double)?
        var reports: [EpochReport] = []
        let clock = ContinuousClock()
        for epoch in 1...configuration.epochs {
            let start = clock.now
            let trainLoss: Double
            if let groups {
                try ALSSweep.run(data, groups: groups, model: &model, configuration: configuration)
                trainLoss = Self.trainingMSE(data, model)
            } else if let order {
                order.shuffle(&generator)
                let step = SGDSweep.Step(learningRate: learningRate, regularization: configuration.regularization,
                                         biasRegularization: configuration.biasRegularization)
                trainLoss = SGDSweep.run(order.entries, model: &model, step: step, threads: configuration.threads)
                learningRate *= configuration.learningRateDecay
            } else {
                throw MatrixFactorizationError.invalidConfiguration("no sweep for \(configuration.algorithm.rawValue)")
            }
            guard trainLoss.isFinite, model.itemBias.allSatisfy(\.isFinite) else {
                throw MatrixFactorizationError.diverged(epoch: epoch)
            }
            let metrics = validation.isEmpty ? nil : Self.validate(model, validation, validationIndices)
            let rmse = metrics?.rmse ?? -Double(epoch)
            let isBest = best.map { rmse < $0.rmse } ?? true
            if isBest { best = (model, epoch, rmse) }
            let report = EpochReport(epoch: epoch, trainLoss: trainLoss, validation: metrics, baseline: baseline,
                                     isBest: isBest, seconds: Self.seconds(clock.now - start))
            reports.append(report)
            onEpoch(report)
            if let best, epoch - best.epoch >= configuration.patience { break }
        }
        guard let best else { throw MatrixFactorizationError.emptyTrainingSet }
        return TrainingOutcome(model: best.model, bestEpoch: best.epoch, reports: reports)
    }

    private func initialModel(_ data: IndexedRatings, generator: inout SeededGenerator) -> MatrixFactorizationModel {
        let k = configuration.factors
        let std = Double(configuration.initStandardDeviation)
        func gaussian(_ rows: Int) -> Matrix {
            Matrix(rows: rows, columns: k, storage: (0..<(rows * k)).map { _ in Float(generator.nextGaussian() * std) })
        }
        let userFactors = gaussian(data.users.count)
        let itemFactors = gaussian(data.movies.count)
        return MatrixFactorizationModel(
            users: data.users, movies: data.movies, globalMean: data.mean,
            userBias: [Float](repeating: 0, count: data.users.count),
            itemBias: [Float](repeating: 0, count: data.movies.count),
            userFactors: userFactors, itemFactors: itemFactors,
            minimumRating: data.values.min() ?? 0, maximumRating: data.values.max() ?? 0)
    }

    private static func validate(_ model: MatrixFactorizationModel, _ validation: [Rating],
                                 _ indices: [(user: Int?, movie: Int?)]) -> ErrorMetrics {
        var metrics = ErrorMetrics()
        for (rating, index) in zip(validation, indices) {
            metrics.add(predicted: model.predict(userIndex: index.user, movieIndex: index.movie), actual: rating.value)
        }
        return metrics
    }

    private static func trainingMSE(_ data: IndexedRatings, _ model: MatrixFactorizationModel) -> Double {
        var sum = 0.0
        for position in 0..<data.count {
            let error = data.values[position] - model.rawPrediction(userIndex: Int(data.userIndex[position]),
                                                                    movieIndex: Int(data.movieIndex[position]))
            sum += Double(error * error)
        }
        return sum / Double(data.count)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
