import HTTP

/// The service's own error answers, one constructor per condition so every handler
/// words them the same way.
enum ServiceError {
    static let noModel = HTTPError(status: .serviceUnavailable, code: "no_model",
                                   message: "no model is loaded yet")

    static func transformerUnavailable(_ reason: String) -> HTTPError {
        HTTPError(status: .unprocessableContent, code: "transformer_unavailable",
                  message: "model=transformer cannot answer: \(reason)")
    }

    static func unknownMovie(_ movie: Int64) -> HTTPError {
        HTTPError(status: .notFound, code: "unknown_movie", message: "movie \(movie) is not in the catalogue")
    }

    static func movieWithoutEmbedding(_ movie: Int64) -> HTTPError {
        HTTPError(status: .notFound, code: "movie_not_in_model",
                  message: "movie \(movie) has no embedding in the serving model (it had no ratings when the model was trained)")
    }
}
