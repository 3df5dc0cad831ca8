import Models
import Ratings

/// The BST transformer as a `RecommenderModel`: the rating of each candidate from the
/// user's latest S − 1 ratings, one pass per candidate, so `Recommender` asks it to re-rank
/// another model's candidates rather than to score a catalogue.
public struct TransformerRecommender: RecommenderModel {
    public let predictor: TransformerPredictor
    /// The epoch training kept and its validation scores, carried into model files that
    /// retraining writes (retraining does not refit the transformer).
    public let bestEpoch: Int
    public let validation: ValidationScores
    /// The rating range answers are clipped to (MF's, so both predictors speak one scale).
    let ratingRange: ClosedRange<Float>

    public init(model: TransformerModel, bestEpoch: Int, validation: ValidationScores, ratingRange: ClosedRange<Float>) {
        predictor = TransformerPredictor(model: model)
        self.bestEpoch = bestEpoch
        self.validation = validation
        self.ratingRange = ratingRange
    }

    public var model: TransformerModel { predictor.model }
    public var vocabulary: TransformerVocabulary { predictor.model.vocabulary }
    /// How many of a user's latest ratings form the history: S − 1.
    public var historyLength: Int { predictor.model.config.sequenceLength - 1 }

    public var kind: ModelKind { .transformer }
    public var movies: IDIndex { vocabulary.movies }

    public func scores(for user: UserContext, candidates: [Int]?) throws -> ModelAnswer {
        try predictedRatings(for: user, candidates: candidates ?? Array(0..<movies.count))
    }

    /// Predicted ratings of `candidates`, clipped to MF's rating range; unavailable when the
    /// user is not in the vocabulary or has no rated movie it knows.
    public func predictedRatings(for user: UserContext, candidates: [Int]) throws -> ModelAnswer {
        guard let userIndex = user.row(in: vocabulary.users) else {
            return .unavailable("user \(user.user) is not in the transformer's vocabulary (it had no ratings at training time)")
        }
        let history = try user.history(limit: historyLength)
            .compactMap { rating in vocabulary.movies.index(of: rating.movie).map { (movieIndex: $0, rating: rating.value) } }
        guard !history.isEmpty else {
            return .unavailable("user \(user.user) has no rated movies the transformer knows")
        }
        let features = try vocabulary.features.map { $0.encode(try user.profile() ?? UserProfile(id: user.user)) }
        let ratings = try predictor.predict(history: history, userIndex: userIndex, userFeatures: features,
                                            candidates: candidates)
        return .scores(ratings.map { min(max($0, ratingRange.lowerBound), ratingRange.upperBound) })
    }

    public func similarities(to index: Int) -> [Float]? { nil }
}
