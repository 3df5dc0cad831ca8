import HTTP
import Models
import Ratings

/// What the transformer made of a request: its predicted ratings, or why it could not answer.
enum TransformerAnswer {
    case scores([Float])
    case unavailable(String)
}

extension RecommenderService {
    /// The transformer's predicted ratings of `candidates` for `user` (clipped to the rating
    /// range as MF's are), from the user's latest
    /// S − 1 ratings as the store has them now (a rating posted a second ago counts).
    /// Unavailable when the file holds no transformer, the user or a candidate is not in its
    /// vocabulary, or the user has no history it knows.
    func transformerScores(user: Int64, candidates: [Int64], model: ServingModel) throws -> TransformerAnswer {
        guard let transformer = model.transformer else {
            return .unavailable("the serving model file holds no transformer")
        }
        let vocabulary = transformer.vocabulary
        guard let userIndex = vocabulary.users.index(of: user) else {
            return .unavailable("user \(user) is not in the transformer's vocabulary (it had no ratings at training time)")
        }
        var candidateIndices: [Int] = []
        candidateIndices.reserveCapacity(candidates.count)
        for movie in candidates {
            guard let index = vocabulary.movies.index(of: movie) else {
                return .unavailable("movie \(movie) is not in the transformer's vocabulary")
            }
            candidateIndices.append(index)
        }
        let history = try store.history(user: user, limit: transformer.historyLength)
            .compactMap { rating in vocabulary.movies.index(of: rating.movie).map { (movieIndex: $0, rating: rating.value) } }
        guard !history.isEmpty else {
            return .unavailable("user \(user) has no rated movies the transformer knows")
        }
        let features = try vocabulary.features.map { encoder in
            encoder.encode(try store.user(id: user) ?? UserProfile(id: user))
        }
        // The transformer's sigmoid spans (0.5, 5.5); answers stay on the rating scale as MF's do.
        return .scores(try transformer.predictor.predict(history: history, userIndex: userIndex, userFeatures: features,
                                                        candidates: candidateIndices).map(model.mf.clip))
    }
}
