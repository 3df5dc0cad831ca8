import Foundation
import HTTP
import HTTPTestSupport
import Models
import Ratings
import Store
@testable import Service

/// A service that learns while it runs: a store of planted ratings, a model directory
/// holding one model trained on it, a model manager with a tiny, fast pipeline, fold-in
/// and an admin token. Tolerance defaults to 100 %: on 40 planted users a retrained
/// model's validation RMSE moves by more than 2 % with a few ratings.
struct LiveFixture {
    static let adminToken = "s3cret-token"
    static let users = 40
    static let movies = 30

    let directory: URL
    let store: SQLiteRatingStore
    let manager: ModelManager
    let service: RecommenderService
    let foldIn: FoldInCache

    /// A pipeline that trains in milliseconds: 2 factors, ALS, 6 epochs, last-1 holdout.
    static func pipeline(factors: Int = 2) -> TrainingPipeline {
        var configuration = MatrixFactorizationConfiguration()
        configuration.algorithm = .als
        configuration.factors = factors
        configuration.epochs = 6
        configuration.regularization = 0.1
        configuration.biasRegularization = 0.1
        return TrainingPipeline(configuration: configuration, holdout: .last(1))
    }

    init(ratings: [Rating] = PlantedRatings.make(users: users, movies: movies), tolerance: Double = 1,
         keep: Int = 5, foldInSettings: FoldInCache.Settings = FoldInCache.Settings(),
         adminToken: String? = LiveFixture.adminToken, trainInitialModel: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteRatingStore(path: directory.appendingPathComponent("store.sqlite").path)
        let catalogue = (1...Self.movies).map { Movie(id: Int64($0), title: "Movie \($0)", year: 2000) }
        try store.upsert(movies: catalogue)
        try store.add(ratings)
        let models = ModelDirectory(path: directory.appendingPathComponent("models").path)
        manager = ModelManager(store: store, registry: ModelRegistry(), options: ModelManager.Options(
            directory: models, pipeline: Self.pipeline(), tolerance: tolerance, keep: keep))
        if trainInitialModel {
            let state = manager.retrain()
            guard case .succeeded = state else { throw LiveFixtureError.initialTrainingFailed(state) }
        }
        foldIn = FoldInCache(settings: foldInSettings)
        service = RecommenderService(store: store, registry: manager.registry, catalogue: Catalogue(catalogue),
                                     live: LiveLearning(manager: manager, foldIn: foldIn,
                                                        adminToken: adminToken.flatMap(AdminToken.init)))
    }

    var models: ModelDirectory { manager.options.directory }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Routes a request in-process.
    func respond(_ target: String, method: HTTPMethod = .get, body: String = "",
                 headers extra: [(String, String)] = []) -> HTTPResponse {
        Self.route(service, target, method: method, body: body, headers: extra)
    }

    /// Routes a request in-process to any service.
    static func route(_ service: RecommenderService, _ target: String, method: HTTPMethod = .get, body: String = "",
                      headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": String(body.utf8.count)]
        for (name, value) in extra { headers.add(name: name, value: value) }
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let query: [HTTPField] = parts.count > 1
            ? parts[1].split(separator: "&").map { pair in
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return HTTPField(name: kv[0], value: kv.count > 1 ? kv[1] : "")
            }
            : []
        let request = HTTPRequest(method: method, target: target, path: parts[0],
                                  pathSegments: parts[0].split(separator: "/").map(String.init), query: query,
                                  headers: headers, body: Array(body.utf8))
        return service.router().respond(to: request).response
    }

    /// Runs `body` against the service behind a real server on port 0.
    func withServer(loops: Int = 2, _ body: (Int) throws -> Void) throws {
        let server = HTTPServer(configuration: HTTPServer.Configuration(port: 0, eventLoopCount: loops),
                                router: service.router())
        let port = try server.start()
        defer { server.stop(gracePeriod: .seconds(1)) }
        try body(port)
    }
}

extension RawClient {
    /// Sends one request on this (keep-alive) connection and reads the answer.
    func exchange(_ method: String, _ target: String, body: String? = nil,
                  headers: [String] = []) throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
        for header in headers { head += header + "\r\n" }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            head += "\r\n"
        }
        try send(head)
        return try readResponse()
    }
}

enum LiveFixtureError: Error {
    case initialTrainingFailed(RetrainState)
}
