import Foundation
import Linalg
import Ratings

/// Trains an `EASEModel` in closed form: no epochs, nothing to stop early, and the same
/// ratings give the same bits in any order.
public struct EASETrainer: Sendable {
    public var configuration: EASEConfiguration

    public init(configuration: EASEConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Throws `RankingModelError.catalogueTooLarge` above `configuration.movieLimit` movies,
    /// before any large allocation.
    public func train(_ ratings: [Rating]) throws -> EASEModel {
        try configuration.validate()
        let data = try ImplicitFeedback(ratings)
        let n = data.movies.count
        guard n <= configuration.movieLimit else {
            throw RankingModelError.catalogueTooLarge(movies: n, maximum: configuration.movieLimit)
        }
        let steck = configuration.channels.count == 1 && configuration.targets == nil
        var (gram, cross) = EASEGram.accumulate(data.byUser, movies: n, configuration: configuration, needsCross: !steck)
        var weights = try EASEClosedForm.weights(gram: &gram, cross: &cross, movies: n, configuration: configuration)
        if configuration.popularityExponent != 0 {
            let scales = (0..<n).map { Float(pow(Double(data.byMovie.range($0).count + 1), -Double(configuration.popularityExponent))) }
            for f in 0..<(weights.count / max(n, 1)) {
                for j in 0..<n { weights[f * n + j] *= scales[j] }
            }
        }
        guard weights.allSatisfy({ $0.isFinite }) else { throw RankingModelError.diverged(epoch: 0) }
        return EASEModel(movies: data.movies,
                         weights: Matrix(rows: configuration.channels.count * n, columns: n, storage: weights),
                         configuration: configuration)
    }
}
