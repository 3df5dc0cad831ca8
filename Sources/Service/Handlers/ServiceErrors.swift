import HTTP

/// The service's own error answers, one constructor per condition so every handler
/// words them the same way.
enum ServiceError {
    static let noModel = HTTPError(status: .serviceUnavailable, code: "no_model",
                                   message: "no model is loaded yet")

    static func unknownUser(_ user: Int64) -> HTTPError {
        HTTPError(status: .notFound, code: "unknown_user", message: "user \(user) has no ratings and no profile")
    }

    static func unknownMovie(_ movie: Int64) -> HTTPError {
        HTTPError(status: .notFound, code: "unknown_movie", message: "movie \(movie) is not in the catalogue")
    }
}
