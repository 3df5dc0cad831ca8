import HTTP
import Recommender

extension RecommenderService {
    /// `GET /recommendations/:user?k=[&model=]`: the k best movies the user has not rated
    /// (ratings posted a second ago included), from the ranker training chose or the one asked for.
    func recommendations(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let k = try request.integer(query: "k", default: 10, in: 1...1000)
        let requested = try request.modelKind(among: ModelKind.allCases)
        let model = try servingModel()
        let list = try recommender(for: model).recommend(context(for: user), k: k, using: requested)
        var writer = JSONWriter(capacity: 64 + 80 * list.items.count)
        writer.beginObject()
        writer.field("user", user)
        writer.field("model", list.provenance.model.rawValue)
        writer.field("cold_start", list.provenance.coldStart != nil)
        if list.provenance.foldedIn { writer.field("folded_in", true) }
        writeScoredMovies(list.items, key: "items", into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
