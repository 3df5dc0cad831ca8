import HTTP
import Recommender

extension RecommenderService {
    /// `GET /similar/:movie?k=&model=&genre=&year_min=&year_max=&exclude=&offset=|cursor=`: a
    /// page of the movies most alike in the item representation training found best (or the
    /// one asked for) that pass the filters, the movie itself excluded.
    func similar(_ request: HTTPRequest) throws -> HTTPResponse {
        let movie = try request.requiredID(path: "movie")
        let requested = try request.modelKind(among: ModelKind.allCases)
        guard try catalogueMovie(movie) != nil else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        let titles = catalogue.snapshot
        let query = try ListQuery(request, catalogue: titles, version: model.info.version)
        let similar = try recommender(for: model, catalogue: titles)
            .similar(to: movie, page: query.page, filter: query.filter, using: requested)
        var writer = JSONWriter(capacity: 64 + 90 * similar.items.count)
        writer.beginObject()
        writer.field("movie", movie)
        writer.field("model", similar.model.rawValue)
        writeScoredMovies(similar.items, key: "items", titles: titles, into: &writer)
        writePaging(query.page, returned: similar.items.count, version: model.info.version, into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
