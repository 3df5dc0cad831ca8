import HTTP
import Models

extension RecommenderService {
    /// `GET /predict?user=&movie=`: MF for known pairs, bias-only answers flagged as
    /// cold start otherwise; a movie outside the catalogue is a 404. A user folded in from
    /// ratings posted since training is answered personally and flagged `folded_in`.
    func predict(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(query: "user")
        let movie = try request.requiredID(query: "movie")
        _ = try request.choice(query: "model", among: ["mf", "transformer"])
        guard catalogue.contains(movie) else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
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
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("user", user)
        writer.field("movie", movie)
        writer.field("rating", rating)
        writer.field("model", "mf")
        writer.key("cold_start")
        if let coldStart { writer.value(coldStart) } else { writer.null() }
        writer.field("model_version", model.info.version)
        if folded != nil { writer.field("folded_in", true) }
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
