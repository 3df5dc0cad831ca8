import Foundation
import Linalg
import Ratings

/// Trains an `ImplicitALSModel`: epochs of a user step then a movie step (`ImplicitALSSweep`).
///
/// With validation ratings it ranks them with `RankingValidation` every
/// `validateEvery` epochs, stops after `patience` validated epochs without a better NDCG@10
/// and returns the best validated epoch's model; without them it runs exactly `epochs`
/// epochs, the mode for refitting on every rating once validation chose the count. The
/// result depends only on the set of ratings, the configuration and its seed: not on their
/// order nor on the thread count.
public struct ImplicitALSTrainer: Sendable {
    public var configuration: ImplicitALSConfiguration

    public init(configuration: ImplicitALSConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Validates on `validation` ranked against `ratings` as the training histories.
    public func train(_ ratings: [Rating], validation: [Rating] = [],
                      onEpoch: (RankingEpochReport) -> Void = { _ in }) throws -> RankingTrainingOutcome<ImplicitALSModel> {
        let check = validation.isEmpty ? nil : RankingValidation(training: ratings, validation: validation)
        return try train(ratings, validation: check, onEpoch: onEpoch)
    }

    /// Validates with a prepared `RankingValidation` (which may be shared with other models).
    /// OpenBLAS runs single-threaded meanwhile (`BLAS.withThreads`): the rows are what is
    /// spread over `configuration.threads`.
    public func train(_ ratings: [Rating], validation: RankingValidation?,
                      onEpoch: (RankingEpochReport) -> Void = { _ in }) throws -> RankingTrainingOutcome<ImplicitALSModel> {
        try configuration.validate()
        return try BLAS.withThreads(1) { try fit(ratings, validation: validation, onEpoch: onEpoch) }
    }

    private func fit(_ ratings: [Rating], validation: RankingValidation?,
                     onEpoch: (RankingEpochReport) -> Void) throws -> RankingTrainingOutcome<ImplicitALSModel> {
        let data = try ImplicitFeedback(ratings)
        let weights = ImplicitWeights(configuration: configuration)
        let userSide = ImplicitALSSweep.Side(data.byUser, others: data.movies.count, weights: weights)
        let movieSide = ImplicitALSSweep.Side(data.byMovie, others: data.users.count, weights: weights)
        let objective = ImplicitALSObjective(data.byUser, weights: weights)
        var generator = SeededGenerator(seed: configuration.seed)
        var userFactors = initialFactors(data.users.count, &generator)
        var itemFactors = initialFactors(data.movies.count, &generator)
        let alpha0 = configuration.unobservedWeight
        // α₀YᵀY, computed as the model computes it for fold-in, so that a fold-in against the
        // final item factors repeats a user step bit for bit.
        var itemGram = ImplicitALSSweep.scaledGram(of: itemFactors, weight: alpha0)

        var best: (model: ImplicitALSModel, epoch: Int, ndcg: Double)?
        var sinceBest = 0
        var reports: [RankingEpochReport] = []
        let clock = ContinuousClock()
        for epoch in 1...configuration.epochs {
            let start = clock.now
            _ = try ImplicitALSSweep.solve(userSide, own: &userFactors, fixed: itemFactors, scaledGram: itemGram,
                                           configuration: configuration, measureLoss: false)
            let userGram = ImplicitALSSweep.scaledGram(of: userFactors, weight: alpha0)
            let observed = try ImplicitALSSweep.solve(movieSide, own: &itemFactors, fixed: userFactors,
                                                      scaledGram: userGram, configuration: configuration, measureLoss: true)
            itemGram = ImplicitALSSweep.scaledGram(of: itemFactors, weight: alpha0)
            let loss = objective.value(observed: observed, userGram: userGram, itemGram: itemGram, weight: alpha0,
                                       users: (userFactors, userSide.regularization), movies: (itemFactors, movieSide.regularization))
            guard loss.isFinite, userFactors.storage.allSatisfy(\.isFinite), itemFactors.storage.allSatisfy(\.isFinite) else {
                throw RankingModelError.diverged(epoch: epoch)
            }
            let model = ImplicitALSModel(users: data.users, movies: data.movies, userFactors: userFactors,
                                         itemFactors: itemFactors, configuration: configuration)
            let validates = validation != nil && (epoch % configuration.validateEvery == 0 || epoch == configuration.epochs)
            let scores = try validates ? validation?.measure(movies: data.movies) { model.scores(userVector: try model.foldIn($0)) } : nil
            let isBest: Bool
            if let scores {
                isBest = best.map { scores.ndcg > $0.ndcg } ?? true
                sinceBest = isBest ? 0 : sinceBest + 1
            } else {
                isBest = validation == nil
            }
            if isBest { best = (model, epoch, scores?.ndcg ?? 0) }
            let report = RankingEpochReport(epoch: epoch, loss: loss / Double(data.count), validation: scores,
                                            isBest: isBest, seconds: Self.seconds(clock.now - start))
            reports.append(report)
            onEpoch(report)
            if sinceBest >= configuration.patience { break }
        }
        guard let best else { throw RankingModelError.diverged(epoch: reports.count) }
        return RankingTrainingOutcome(model: best.model, bestEpoch: best.epoch, reports: reports)
    }

    /// Gaussian rows with standard deviation initialScale / √k.
    private func initialFactors(_ rows: Int, _ generator: inout SeededGenerator) -> Matrix {
        let k = configuration.factors
        let deviation = Double(configuration.initialScale) / Double(k).squareRoot()
        return Matrix(rows: rows, columns: k, storage: (0..<(rows * k)).map { _ in Float(generator.nextGaussian() * deviation) })
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
