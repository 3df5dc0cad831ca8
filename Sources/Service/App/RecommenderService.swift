import Foundation
import HTTP
import Ratings
import Recommender
import Store

/// The recommendation API: binds the store, the catalogue and the serving model to
/// HTTP routes. It owns no sockets; `router()` is handed to an `HTTPServer` (or called
/// in-process by tests).
public final class RecommenderService: Sendable {
    public let store: any RatingStore
    public let registry: ModelRegistry
    public let catalogue: Catalogue
    public let metrics: RequestMetrics
    public let live: LiveLearning
    /// How many of the ranker's best movies the transformer re-ranks for
    /// `/recommendations?model=transformer`.
    public let rerankCandidates: Int
    /// Seconds a posted rating's timestamp may lie past `now()`.
    public let futureTimestampTolerance: Int64
    /// The HTTP server's limits and timeouts, reported by `/health`; nil when no server runs
    /// this service (tests that call the router directly).
    public let server: HTTPServer.Configuration?
    /// Seconds since 1970 for ratings posted without a timestamp.
    let now: @Sendable () -> Int64

    public init(store: any RatingStore, registry: ModelRegistry, catalogue: Catalogue,
                metrics: RequestMetrics = RequestMetrics(), live: LiveLearning = LiveLearning(),
                rerankCandidates: Int = 100, futureTimestampTolerance: Int64 = RatingPayload.defaultFutureTolerance,
                server: HTTPServer.Configuration? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.registry = registry
        self.catalogue = catalogue
        self.metrics = metrics
        self.live = live
        self.rerankCandidates = rerankCandidates
        self.futureTimestampTolerance = futureTimestampTolerance
        self.server = server
        self.now = now
    }

    /// Every route of `openapi.yaml`. Routes that wait on a disk sync, run the transformer or
    /// read a large catalogue go to the server's handler pool, so the cheap ones sharing their
    /// event loop never queue behind them. A list from a ranker over a small catalogue is
    /// cheap (one product over the item table, and one indexed read of the user's ratings).
    public func router() -> Router {
        var router = Router()
        router.get("/predict", placement: .poolWhen { [registry] request in
            request.queryValue("model") != "mf" && registry.current?.transformer != nil
        }) { [self] in try predict($0) }
        router.get("/recommendations/:user", placement: .poolWhen { [registry] request in
            guard let model = registry.current else { return false }
            let kind = request.queryValue("model") ?? model.models.defaultRanker.rawValue
            return kind == ModelKind.transformer.rawValue || model.hasLargeCatalogue
        }) { [self] in try recommendations($0) }
        router.get("/similar/:movie", placement: .poolWhen { [registry] _ in registry.current?.hasLargeCatalogue == true }) {
            [self] in try similar($0)
        }
        router.post("/ratings", placement: .pool) { [self] in try postRatings($0) }
        router.get("/health") { [self] _ in try health() }
        router.get("/metrics") { [self] _ in try metricsText() }
        if let token = live.adminToken { addAdminRoutes(to: &router, token: token) }
        return router
    }

    /// The serving model, or 503 while none is loaded.
    func servingModel() throws -> ServingModel {
        guard let model = registry.current else { throw ServiceError.noModel }
        return model
    }

    /// The models of `model` composed for one request.
    func recommender(for model: ServingModel) -> Recommender {
        Recommender(models: model.models, version: model.info.version, foldIn: live.foldIn,
                    rerankCandidates: rerankCandidates)
    }

    /// What a request may read of `user`: the store, now.
    func context(for user: Int64) -> UserContext {
        UserContext(user: user, source: StoreUserRatings(store: store))
    }

    /// Writes `items` as `[{"movie":…,"title":…,"score":…}]` under `key`.
    func writeScoredMovies(_ items: [ScoredMovie], key: String, into writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for item in items {
            writer.beginObject()
            writer.field("movie", item.movie)
            writer.field("title", catalogue.title(of: item.movie))
            writer.field("score", item.score)
            writer.endObject()
        }
        writer.endArray()
    }
}
