import Linalg
import Models
import Ratings

/// EASE as a `RecommenderModel`: a user's scores are the sum of the weight rows of the
/// movies they rated, read from their history as stored now, so it needs no per-user
/// parameters and answers a user who arrived after training from their first rating.
public struct EASERecommender: RecommenderModel {
    public let model: EASEModel

    public init(_ model: EASEModel) {
        self.model = model
    }

    public var kind: ModelKind { .ease }
    public var movies: IDIndex { model.movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        let history = try user.allRatings()
        guard history.contains(where: { model.movies.index(of: $0.movie) != nil }) else {
            return .unavailable("user \(user.user) has no rated movie the EASE model knows")
        }
        let all = model.scores(history: history)
        return .scores(candidates.map { $0.map { all[$0] } } ?? all)
    }

    /// What having rated movie `index` adds to every movie's score (its first channel's
    /// weight row: the rated-at-all channel), itself 0.
    public func similarities(to index: Int) -> [Float]? {
        model.weights.row(index)
    }
}
