import HTTP
import Recommender

extension RecommenderService {
    /// `GET /recommendations/:user?k=&model=&genre=&year_min=&year_max=&exclude=&offset=|cursor=&explain=`:
    /// a page of the best movies the user has not rated (ratings posted a second ago included)
    /// that pass the filters, from the ranker training chose or the one asked for; with
    /// `explain=true` each movie carries the user's liked movies that weigh most for it.
    func recommendations(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let requested = try request.modelKind(among: ModelKind.allCases)
        let explain = try request.flag(query: "explain")
        let model = try servingModel()
        let titles = catalogue.snapshot
        let query = try ListQuery(request, catalogue: titles, version: model.info.version)
        let recommender = recommender(for: model, catalogue: titles)
        let context = try context(for: user)
        let list = try recommender.recommend(context, page: query.page, filter: query.filter, using: requested)
        let explanation = explain
            ? try recommender.explain(context, movies: list.items.map(\.movie), answeredBy: list.provenance.model) : nil
        var writer = JSONWriter(capacity: 64 + (explain ? 400 : 90) * list.items.count)
        writer.beginObject()
        writer.field("user", user)
        writer.field("model", list.provenance.model.rawValue)
        writer.field("cold_start", list.provenance.coldStart != nil)
        if list.provenance.foldedIn { writer.field("folded_in", true) }
        if let explanation { writeExplainer(explanation, into: &writer) }
        writeScoredMovies(list.items, key: "items", titles: titles, reasons: explanation?.reasons, into: &writer)
        writePaging(query.page, returned: list.items.count, version: model.info.version, into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// `"model_version"` and, when the page is full (more may follow), `"next_cursor"`.
    func writePaging(_ page: ListPage, returned: Int, version: String, into writer: inout JSONWriter) {
        writer.field("model_version", version)
        if returned == page.count && page.depth < ListQuery.maximumDepth {
            writer.field("next_cursor", ListQuery.cursor(after: page, version: version))
        }
    }

    /// `"explained_by"`: the model whose item representation measured the reasons (null
    /// when no model of the answer compares movies).
    func writeExplainer(_ explanation: Explanation, into writer: inout JSONWriter) {
        writer.key("explained_by")
        if let model = explanation.model { writer.value(model.rawValue) } else { writer.null() }
    }
}
