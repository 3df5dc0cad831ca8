import Foundation
import Linalg
import Ratings

/// Trains MF on a split's training part and measures every baseline and MF on its held-out
/// part by rating error (MAE/MSE/RMSE), overall and on the cold-start slice. Lists are
/// measured above, through the recommender that composes every model.
public struct Evaluator: Sendable {
    public var configuration: MatrixFactorizationConfiguration
    public var options: EvaluationOptions

    public init(configuration: MatrixFactorizationConfiguration, options: EvaluationOptions) {
        self.configuration = configuration
        self.options = options
    }

    /// Evaluates one split. With `options.tuning == .inner` and a `tuning` split of
    /// `split.train` (the caller chooses it, see `EvalProtocol.splits`), early stopping runs on
    /// `tuning` and MF is refitted on all of `split.train` for the best epoch count; otherwise
    /// (`.heldOut`, or no `tuning` given) early stopping runs on `split.validation`.
    public func evaluate(_ split: Split, tuning: Split?,
                         onEpoch: (EpochReport) -> Void = { _ in }) throws -> FoldEvaluation {
        guard !split.train.isEmpty else { throw MatrixFactorizationError.emptyTrainingSet }
        let trainer = MatrixFactorizationTrainer(configuration: configuration)
        let started = Date()
        let model: MatrixFactorizationModel
        let reports: [EpochReport]
        let epochs: Int
        if options.tuning == .inner, let tuning {
            let search = try trainer.train(tuning.train, validation: tuning.validation, onEpoch: onEpoch)
            var refit = configuration
            refit.epochs = search.bestEpoch
            model = try MatrixFactorizationTrainer(configuration: refit).train(split.train).model
            reports = search.reports
            epochs = search.bestEpoch
        } else {
            let outcome = try trainer.train(split.train, validation: split.validation, onEpoch: onEpoch)
            model = outcome.model
            reports = outcome.reports
            epochs = outcome.bestEpoch
        }
        let trainingSeconds = Date().timeIntervalSince(started)

        var trainingCounts: [Int64: Int] = [:]
        for rating in split.train { trainingCounts[rating.user, default: 0] += 1 }
        let heldOutUsers = Set(split.validation.map(\.user))
        let coldUsers = heldOutUsers.filter { trainingCounts[$0, default: 0] < options.coldStartThreshold }
        let values = split.train.map(\.value).sorted()
        let median = values.count % 2 == 1
            ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
        let mean = Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
        let bias = BiasBaseline(split.train, damping: options.biasDamping)

        var errors: [RatingPredictor: [EvaluationSlice: ErrorMetrics]] = [:]
        var histogram = PredictionHistogram()
        for predictor in RatingPredictor.allCases {
            var all = ErrorMetrics()
            var cold = ErrorMetrics()
            for rating in split.validation {
                let predicted: Float
                switch predictor {
                case .median: predicted = median
                case .globalMean: predicted = mean
                case .bias: predicted = bias.predict(user: rating.user, movie: rating.movie)
                case .matrixFactorization:
                    predicted = model.predict(user: rating.user, movie: rating.movie)
                    histogram.add(predicted: predicted, actual: rating.value)
                }
                all.add(predicted: predicted, actual: rating.value)
                if coldUsers.contains(rating.user) { cold.add(predicted: predicted, actual: rating.value) }
            }
            errors[predictor] = [.all: all, .coldStart: cold]
        }

        return FoldEvaluation(
            trainCount: split.train.count, heldOutCount: split.validation.count,
            heldOutUsers: heldOutUsers.count, coldStartUsers: coldUsers,
            coldStartHeldOut: split.validation.filter { coldUsers.contains($0.user) }.count,
            median: median, globalMean: mean, errors: errors, model: model,
            epochReports: reports, epochs: epochs, histogram: histogram, trainingSeconds: trainingSeconds)
    }
}
