import Linalg
import Models
import Ratings

/// iALS as a `RecommenderModel`. The user's vector is solved at request time from their
/// whole history (the exact iALS user step against the trained movie factors), so a rating
/// posted a second ago counts and a user who arrived after training is answered
/// personally from their first rating, with no fold-in cache to keep.
public struct ImplicitALSRecommender: RecommenderModel {
    public let model: ImplicitALSModel
    let cosine: ItemCosine

    public init(_ model: ImplicitALSModel) {
        self.model = model
        cosine = ItemCosine(model.itemFactors)
    }

    public var kind: ModelKind { .implicitALS }
    public var movies: IDIndex { model.movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        let history = try user.allRatings()
        guard history.contains(where: { model.movies.index(of: $0.movie) != nil }) else {
            return .unavailable("user \(user.user) has no rated movie the iALS model knows")
        }
        let all = model.scores(userVector: try model.foldIn(history))
        return .scores(candidates.map { $0.map { all[$0] } } ?? all)
    }

    public func similarities(to index: Int) -> [Float]? {
        cosine.similarities(to: index)
    }
}
