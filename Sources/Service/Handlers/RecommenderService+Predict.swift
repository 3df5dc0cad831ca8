import HTTP
import Recommender

extension RecommenderService {
    /// `GET /predict?user=&movie=[&model=mf|transformer]`: parse, ask the recommender, render.
    /// A movie outside the catalogue is a 404.
    func predict(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(query: "user")
        let movie = try request.requiredID(query: "movie")
        let requested = try request.modelKind(among: [.matrixFactorization, .transformer])
        guard catalogue.contains(movie) else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        let prediction = try recommender(for: model).predict(context(for: user), movie: movie, using: requested)
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("user", user)
        writer.field("movie", movie)
        writer.field("rating", prediction.rating)
        writer.field("model", prediction.provenance.model.rawValue)
        writer.key("cold_start")
        if let coldStart = prediction.provenance.coldStart { writer.value(coldStart.rawValue) } else { writer.null() }
        writer.field("model_version", model.info.version)
        if prediction.provenance.foldedIn { writer.field("folded_in", true) }
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
