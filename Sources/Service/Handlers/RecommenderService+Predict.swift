import HTTP
import Recommender

extension RecommenderService {
    /// `GET /predict?user=&movie=[&model=mf|transformer][&explain=true]`: parse, ask the
    /// recommender, render. A movie outside the catalogue is a 404.
    func predict(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(query: "user")
        let movie = try request.requiredID(query: "movie")
        let requested = try request.modelKind(among: Self.predictors)
        let explain = try request.flag(query: "explain")
        let model = try servingModel()
        let titles = catalogue.snapshot
        var writer = JSONWriter()
        try writePrediction(user: user, movie: movie, requested: requested, explain: explain,
                            model: model, titles: titles, into: &writer)
        return .json(bytes: writer.bytes)
    }

    /// The models `/predict` may be asked for.
    static let predictors: [ModelKind] = [.matrixFactorization, .transformer]

    /// One prediction object; throws (writing nothing) when the pair cannot be predicted.
    func writePrediction(user: Int64, movie: Int64, requested: ModelKind?, explain: Bool, model: ServingModel,
                         titles: CatalogueSnapshot, into writer: inout JSONWriter) throws {
        guard try catalogueMovie(movie) != nil else { throw ServiceError.unknownMovie(movie) }
        let recommender = recommender(for: model, catalogue: titles)
        let context = try context(for: user)
        let prediction = try recommender.predict(context, movie: movie, using: requested)
        let explanation = explain
            ? try recommender.explain(context, movies: [movie], answeredBy: prediction.provenance.model) : nil
        writer.beginObject()
        writer.field("user", user)
        writer.field("movie", movie)
        writer.field("rating", prediction.rating)
        writer.field("model", prediction.provenance.model.rawValue)
        writer.key("cold_start")
        if let coldStart = prediction.provenance.coldStart { writer.value(coldStart.rawValue) } else { writer.null() }
        writer.field("model_version", model.info.version)
        if prediction.provenance.foldedIn { writer.field("folded_in", true) }
        if let explanation {
            writeExplainer(explanation, into: &writer)
            writeReasons(explanation.reasons[0], titles: titles, into: &writer)
        }
        writer.endObject()
    }
}
