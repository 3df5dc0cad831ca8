/// How well one ranker ranked held-out movies: HR@k and NDCG@k averaged over the users
/// `RankingValidation` scored, with the holdout they came from.
public struct RankingValidationScores: Sendable, Equatable, Codable {
    /// The ranker that lists the movies with the most training ratings first, measured beside
    /// the models so that every figure has its floor (`ModelFile.rankingValidation(of:)`).
    public static let mostRatedKind = "most_rated"

    /// Users averaged over (those with a relevant held-out movie the model knows).
    public var users: Int
    /// HR@k: the share of users with a relevant movie in their top k.
    public var hitRate: Double
    /// NDCG@k with binary gains (`Ratings.UserRankingScores`).
    public var ndcg: Double
    /// The list length, 10 unless a caller chose otherwise.
    public var k: Int
    /// `TrainingHoldout.name` of the validation ratings, e.g. `last-1`.
    public var holdout: String

    public init(users: Int, hitRate: Double, ndcg: Double, k: Int = 10, holdout: String) {
        self.users = users
        self.hitRate = hitRate
        self.ndcg = ndcg
        self.k = k
        self.holdout = holdout
    }
}
