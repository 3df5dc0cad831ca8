import HTTP
import Recommender

/// The recommender's errors are the caller's: a model the file lacks or that cannot answer
/// for them is 422, a movie a model never saw is 404.
extension RecommenderError: HTTPResponseError {
    public var httpError: HTTPError {
        switch self {
        case .modelNotInFile, .unsupported:
            return HTTPError(status: .unprocessableContent, code: "model_unavailable", message: description)
        case let .modelUnavailable(kind, _):
            // The transformer's code predates the other models and clients may switch on it.
            return HTTPError(status: .unprocessableContent,
                             code: kind == .transformer ? "transformer_unavailable" : "model_unavailable", message: description)
        case .movieNotInModel:
            return HTTPError(status: .notFound, code: "movie_not_in_model", message: description)
        }
    }
}
