/// Why the recommender cannot answer a request as asked. Each case is the caller's
/// problem (a model the file lacks, a movie a model never saw), never a server fault.
public enum RecommenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The serving model file holds no model of this kind.
    case modelNotInFile(ModelKind)
    /// The model exists but cannot answer for this user or movie.
    case modelUnavailable(ModelKind, reason: String)
    /// The model cannot do what was asked (predict ratings, or compare movies).
    case unsupported(ModelKind, what: String)
    /// The movie has no representation in the model (it had no ratings at training time).
    case movieNotInModel(Int64, ModelKind)

    public var description: String {
        switch self {
        case let .modelNotInFile(kind): return "the serving model file holds no \(kind.rawValue) model"
        case let .modelUnavailable(kind, reason): return "model=\(kind.rawValue) cannot answer: \(reason)"
        case let .unsupported(kind, what): return "model=\(kind.rawValue) cannot \(what)"
        case let .movieNotInModel(movie, kind):
            return "movie \(movie) is not in the \(kind.rawValue) model (it had no ratings when the model was trained)"
        }
    }
}
