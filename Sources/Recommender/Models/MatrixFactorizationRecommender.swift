import Linalg
import Models
import Ratings

/// Biased MF as a `RecommenderModel`: a known user's ratings of every movie by one gemv,
/// and cosine similarity between item factors. Users it was not trained on reach it through
/// fold-in (`scores(folded:candidates:)`), which the `Recommender` decides on.
public struct MatrixFactorizationRecommender: RecommenderModel {
    public let model: MatrixFactorizationModel
    let cosine: ItemCosine

    public init(_ model: MatrixFactorizationModel) {
        self.model = model
        cosine = ItemCosine(model.itemFactors)
    }

    public var kind: ModelKind { .matrixFactorization }
    public var movies: IDIndex { model.movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        guard let userIndex = user.row(in: model.users) else { return .unavailable("user \(user.user) had no ratings when MF was trained") }
        guard let candidates else { return .scores(model.scores(forUser: userIndex)) }
        return .scores(candidates.map { model.rawPrediction(userIndex: userIndex, movieIndex: $0) })
    }

    /// Unclipped scores of every movie for a user folded in at request time.
    public func scores(folded user: MatrixFactorizationModel.FoldedUser) -> [Float] {
        model.scores(userFactors: user.factors, userBias: user.bias)
    }

    public func displayed(_ score: Float) -> Float { model.clip(score) }

    public func similarities(to index: Int) -> [Float]? {
        cosine.similarities(to: index)
    }

    /// Whether a product over the whole catalogue is large enough to be split over the
    /// cores, and so to take a millisecond or more (from 4 MB of item factors).
    public var hasLargeCatalogue: Bool {
        cosine.unitRows.rows * cosine.unitRows.columns >= BLAS.acrossCoresMinimumElements
    }
}
