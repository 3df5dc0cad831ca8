/// Every model movierec can answer from, named as the API and the model file name them.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    /// Biased matrix factorization trained on rating error: the rating predictor.
    case matrixFactorization = "mf"
    /// Implicit-feedback ALS trained on which movies users rated: a ranker.
    case implicitALS = "ials"
    /// EASE's closed-form item–item weights: a ranker.
    case ease
    /// The BST sequence transformer: a rating predictor, one pass per candidate.
    case transformer
    /// The next-movie transformer: a ranker that reads the user's newest ratings in order.
    case sequence
    /// A weighted sum of two rankers' standardised scores, weights fitted on validation.
    case blend
    /// Movies by number of ratings, the same list for everyone: the cold-start answer.
    case mostRated = "most_rated"
}

/// Why a user or a movie got a cold-start answer.
public enum ColdStart: String, Sendable, Equatable {
    case user
    case movie
    case userAndMovie = "user_and_movie"
}

/// Which model produced an answer and how: what every answer reports, so a caller (and a
/// test) can tell a personal answer from a fallback.
public struct Provenance: Sendable, Equatable {
    public var model: ModelKind
    /// Nil when the answer is personal for a known user and movie.
    public var coldStart: ColdStart?
    /// The user's parameters were solved at request time from ratings the model was not
    /// trained on (MF fold-in).
    public var foldedIn: Bool

    public init(model: ModelKind, coldStart: ColdStart? = nil, foldedIn: Bool = false) {
        self.model = model
        self.coldStart = coldStart
        self.foldedIn = foldedIn
    }
}
