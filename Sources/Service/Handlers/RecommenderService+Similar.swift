import HTTP
import Linalg

extension RecommenderService {
    /// `GET /similar/:movie?k=`: cosine similarity in the item embeddings, from one gemv
    /// over the unit-length rows precomputed at load, the movie itself excluded.
    func similar(_ request: HTTPRequest) throws -> HTTPResponse {
        let movie = try request.requiredID(path: "movie")
        let k = try request.integer(query: "k", default: 10, in: 1...1000)
        guard catalogue.contains(movie) else { throw ServiceError.unknownMovie(movie) }
        let model = try servingModel()
        guard let movieIndex = model.mf.movies.index(of: movie) else { throw ServiceError.movieWithoutEmbedding(movie) }
        let scores = Cosine.similarities(unitRows: model.unitItemFactors, query: movieIndex)
        let best = scores.withUnsafeBufferPointer { TopK.select($0, k: k, excluded: { $0 == movieIndex }) }
        var writer = JSONWriter(capacity: 64 + 80 * best.count)
        writer.beginObject()
        writer.field("movie", movie)
        writeScoredMovies(best.map { (model.mf.movies.id(at: $0.index), $0.score) }, key: "items", into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
