import Linalg
import Models
import Ratings

/// The next-movie transformer as a `RecommenderModel`: a user's scores come from their
/// newest ratings read from the store at request time, in order, so a rating posted a
/// second ago changes the next list and a user who arrived after training gets a personal
/// list from their first rating, with no per-user parameters to fold in.
public struct NextMovieRecommender: RecommenderModel {
    public let model: NextMovieModel
    let cosine: ItemCosine

    public init(_ model: NextMovieModel) {
        self.model = model
        cosine = ItemCosine(model.outputVectors)
    }

    public var kind: ModelKind { .sequence }
    public var movies: IDIndex { model.movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        let history = try user.history(limit: model.config.sequenceLength)
        guard history.contains(where: { model.movies.index(of: $0.movie) != nil }) else {
            return .unavailable("user \(user.user) has no rated movie the next-movie transformer knows")
        }
        let all = model.scores(history: history)
        return .scores(candidates.map { $0.map { all[$0] } } ?? all)
    }

    /// Movies whose output vectors point the same way as this one's: the ones the model
    /// expects in the same contexts.
    public func similarities(to index: Int) -> [Float]? {
        cosine.similarities(to: index)
    }
}
