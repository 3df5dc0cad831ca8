import Ratings

/// What a model made of a request: scores, or why it has nothing personal to say.
public enum ModelAnswer: Sendable {
    case scores([Float])
    /// The reason is for humans (it reaches the API's error messages).
    case unavailable(String)
}

/// The one protocol every model implements, so that composing them into predictions and
/// lists is written once (`Recommender`) and tested once over all of them.
///
/// Scores are indexed by the model's own dense movie indices (`movies`); higher is better.
public protocol RecommenderModel: Sendable {
    var kind: ModelKind { get }
    /// Dense movie index ↔ raw id of every score vector.
    var movies: IDIndex { get }
    /// Scores of `candidates` (dense indices), or of every movie in index order when nil.
    func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer
    /// How alike every movie is to movie `index` (in index order, itself included), nil when
    /// the model has no item representation.
    func similarities(to index: Int) -> [Float]?
    /// A score as the API shows it (MF clips its raw scores to the rating range).
    func displayed(_ score: Float) -> Float
}

extension RecommenderModel {
    public func displayed(_ score: Float) -> Float { score }
}
