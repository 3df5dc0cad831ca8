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
        guard try catalogueMovie(movie) != nil else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        let titles = catalogue.snapshot
        let recommender = recommender(for: model, catalogue: titles)
        let context = try context(for: user)
        let prediction = try recommender.predict(context, movie: movie, using: requested)
        let explanation = explain
            ? try recommender.explain(context, movies: [movie], answeredBy: prediction.provenance.model) : nil
        var writer = JSONWriter()
        writePrediction(prediction, user: user, movie: movie, version: model.info.version, into: &writer) { writer in
            if let explanation {
                writeExplainer(explanation, into: &writer)
                writeReasons(explanation.reasons[0], titles: titles, into: &writer)
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// The models `/predict` may be asked for.
    static let predictors: [ModelKind] = [.matrixFactorization, .transformer]

    /// One prediction object; `extra` adds fields before it closes.
    func writePrediction(_ prediction: Prediction, user: Int64, movie: Int64, version: String, into writer: inout JSONWriter,
                         extra: (inout JSONWriter) -> Void = { _ in }) {
        writer.beginObject()
        writer.field("user", user)
        writer.field("movie", movie)
        writer.field("rating", prediction.rating)
        writer.field("model", prediction.provenance.model.rawValue)
        writer.key("cold_start")
        if let coldStart = prediction.provenance.coldStart { writer.value(coldStart.rawValue) } else { writer.null() }
        writer.field("model_version", version)
        if prediction.provenance.foldedIn { writer.field("folded_in", true) }
        extra(&writer)
        writer.endObject()
    }
}
