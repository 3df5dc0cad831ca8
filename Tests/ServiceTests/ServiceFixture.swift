import Foundation
import HTTP
import Linalg
import Models
import Ratings
import Store
import Recommender
@testable import Service

/// A small world with known answers: five catalogue movies, four of them in an MF model
/// with hand-set factors, two known users, and a store on a temporary file.
struct ServiceFixture {
    let service: RecommenderService
    let store: SQLiteRatingStore
    let directory: URL

    static let movies = [
        Movie(id: 10, title: "Alpha (1990)", year: 1990, genres: ["Action"]),
        Movie(id: 20, title: "Beta, The (1991)", year: 1991, genres: ["Action", "Comedy"]),
        Movie(id: 30, title: "Gamma (1992)", year: 1992, genres: ["Drama"]),
        Movie(id: 40, title: "Delta (1993)", year: 1993, genres: ["Comedy"]),
        Movie(id: 50, title: "Epsilon (1994)", year: 1994, genres: ["Documentary"]),
    ]

    /// μ = 3.5; user 1 likes the direction (1, 0), user 2 likes (0, 1). Movie 10 and 20
    /// point the same way, 30 the other, 40 is in between; 50 is not in the model.
    static func model() -> MatrixFactorizationModel {
        MatrixFactorizationModel(
            users: IDIndex([1, 2]), movies: IDIndex([10, 20, 30, 40]), globalMean: 3.5,
            userBias: [0.25, -0.25], itemBias: [0.5, 0.25, -0.5, 0.0],
            userFactors: Matrix(rows: 2, columns: 2, storage: [1, 0, 0, 1]),
            itemFactors: Matrix(rows: 4, columns: 2, storage: [1, 0, 0.9, 0.1, 0, 1, 0.6, 0.6]),
            minimumRating: 1, maximumRating: 5)
    }

    /// A transformer at a tiny size, trained briefly on the fixture's ratings: its answers
    /// are arbitrary but deterministic, which is all the routing tests need.
    static func transformer(ratings: [Rating]) throws -> TransformerRecommender {
        var base = TransformerConfig(movieCount: 1, userCount: 1)
        base.sequenceLength = 3
        base.embeddingSize = 4
        base.heads = 2
        base.feedForwardSize = 8
        base.hiddenSizes = [6, 4, 3]
        let prepared = try TransformerDataset(ratings: ratings, profiles: [], base: base)
        var options = TransformerTrainingOptions()
        options.epochs = 1
        options.batchSize = 4
        let trained = try TransformerTrainer(config: prepared.config, options: options)
            .train(prepared.train, validation: prepared.validation, vocabulary: prepared.vocabulary)
        let mf = model()
        return TransformerRecommender(model: trained.model, bestEpoch: trained.bestEpoch,
                                      validation: ValidationScores(count: 1, mae: 1, mse: 1, rmse: 1),
                                      ratingRange: mf.minimumRating...mf.maximumRating)
    }

    init(withModel: Bool = true, withTransformer: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteRatingStore(path: directory.appendingPathComponent("store.sqlite").path)
        try store.upsert(movies: Self.movies)
        let ratings = [
            Rating(user: 1, movie: 10, value: 5, timestamp: 100),
            Rating(user: 2, movie: 30, value: 4, timestamp: 100),
            Rating(user: 3, movie: 10, value: 4, timestamp: 100),
            Rating(user: 4, movie: 10, value: 3, timestamp: 100),
            Rating(user: 4, movie: 20, value: 3, timestamp: 100),
        ]
        try store.add(ratings)
        let registry = ModelRegistry()
        if withModel {
            let info = ModelInfo(version: "test@1", kinds: withTransformer ? ["mf", "transformer"] : ["mf"],
                                 created: "2026-01-01T00:00:00Z", trainedOnRatings: 5, trainedOnMaxTimestamp: 100)
            registry.swap(to: ServingModel(info: info, mf: Self.model(), movieRatingCounts: [10: 3, 20: 1, 30: 1],
                                           transformer: withTransformer ? try Self.transformer(ratings: ratings) : nil))
        }
        service = RecommenderService(store: store, registry: registry, catalogue: Catalogue(Self.movies),
                                     now: { 1_700_000_000 })
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Routes a request in-process.
    func respond(_ target: String, method: HTTPMethod = .get, body: String = "",
                 contentType: String = "application/json") -> HTTPResponse {
        let headers: HTTPHeaders = ["Content-Type": contentType, "Content-Length": String(body.utf8.count)]
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts[0]
        let query: [HTTPField] = parts.count > 1
            ? parts[1].split(separator: "&").map { pair in
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return HTTPField(name: kv[0], value: kv.count > 1 ? kv[1] : "")
            }
            : []
        let request = HTTPRequest(method: method, target: target, path: path,
                                  pathSegments: path.split(separator: "/").map(String.init), query: query,
                                  headers: headers, body: Array(body.utf8))
        return service.router().respond(to: request).response
    }
}

extension HTTPResponse {
    var json: JSONValue? { try? JSONParser.parse(body) }
    /// The `movie` of each element of the answer's `items`, in order.
    var listedMovies: [Int64] {
        guard case let .array(items)? = json?["items"] else { return [] }
        return items.compactMap { $0["movie"]?.int64 }
    }
    var errorCode: String? {
        guard case let .string(code)? = json?["error"]?["code"] else { return nil }
        return code
    }
}

extension JSONValue {
    /// The text of a string value, nil for any other.
    var text: String? {
        guard case let .string(text) = self else { return nil }
        return text
    }
}
