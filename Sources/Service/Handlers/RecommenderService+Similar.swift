import HTTP
import Recommender

extension RecommenderService {
    /// `GET /similar/:movie?k=[&model=]`: the movies most alike in the item representation
    /// training found best (or the one asked for), the movie itself excluded.
    func similar(_ request: HTTPRequest) throws -> HTTPResponse {
        let movie = try request.requiredID(path: "movie")
        let k = try request.integer(query: "k", default: 10, in: 1...1000)
        let requested = try request.modelKind(among: ModelKind.allCases)
        guard catalogue.contains(movie) else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        let similar = try recommender(for: model).similar(to: movie, k: k, using: requested)
        var writer = JSONWriter(capacity: 64 + 80 * similar.items.count)
        writer.beginObject()
        writer.field("movie", movie)
        writer.field("model", similar.model.rawValue)
        writeScoredMovies(similar.items, key: "items", into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
