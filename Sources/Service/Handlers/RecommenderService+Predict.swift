import HTTP
import Models

extension RecommenderService {
    /// `GET /predict?user=&movie=[&model=mf|transformer]`: the transformer when the user
    /// has a history it knows, else MF for known pairs and bias-only answers flagged as cold
    /// start; a movie outside the catalogue is a 404. A user folded in from ratings posted
    /// since training is answered personally and flagged `folded_in`.
    func predict(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(query: "user")
        let movie = try request.requiredID(query: "movie")
        let requested = try request.choice(query: "model", among: ["mf", "transformer"])
        guard catalogue.contains(movie) else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        if requested != "mf" {
            switch try transformerScores(user: user, candidates: [movie], model: model) {
            case let .scores(scores):
                return predictionResponse(user: user, movie: movie, rating: scores[0], model: "transformer",
                                          coldStart: nil, version: model.info.version, foldedIn: false)
            case let .unavailable(reason):
                if requested == "transformer" { throw ServiceError.transformerUnavailable(reason) }
            }
        }
        let mf = model.mf
        let userIndex = mf.users.index(of: user)
        let movieIndex = mf.movies.index(of: movie)
        var coldStart: String?
        switch (userIndex != nil, movieIndex != nil) {
        case (true, true): coldStart = nil
        case (false, true): coldStart = "user"
        case (true, false): coldStart = "movie"
        case (false, false): coldStart = "user_and_movie"
        }
        let folded = try foldedUser(user, in: model)
        let rating = folded.map { mf.predict(folded: $0, movieIndex: movieIndex) } ?? mf.predict(user: user, movie: movie)
        if folded != nil { coldStart = movieIndex == nil ? "movie" : nil }
        return predictionResponse(user: user, movie: movie, rating: rating, model: "mf", coldStart: coldStart,
                                  version: model.info.version, foldedIn: folded != nil)
    }

    private func predictionResponse(user: Int64, movie: Int64, rating: Float, model: String, coldStart: String?,
                                    version: String, foldedIn: Bool) -> HTTPResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("user", user)
        writer.field("movie", movie)
        writer.field("rating", rating)
        writer.field("model", model)
        writer.key("cold_start")
        if let coldStart { writer.value(coldStart) } else { writer.null() }
        writer.field("model_version", version)
        if foldedIn { writer.field("folded_in", true) }
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
