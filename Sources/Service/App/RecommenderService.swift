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
    /// Store writes failing now (disk full, I/O errors): `/health`, `/metrics` and the log.
    public let storeFaults: StoreFaults
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
    /// Users forgotten since the serving model was trained, masked in it.
    let forgotten = ForgottenUsers()
    let coldMovies = ColdMovieCache()

    public init(store: any RatingStore, registry: ModelRegistry, catalogue: Catalogue,
                metrics: RequestMetrics = RequestMetrics(), live: LiveLearning = LiveLearning(),
                storeFaults: StoreFaults = StoreFaults(),
                rerankCandidates: Int = 100, futureTimestampTolerance: Int64 = RatingPayload.defaultFutureTolerance,
                server: HTTPServer.Configuration? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.registry = registry
        self.catalogue = catalogue
        self.metrics = metrics
        self.live = live
        self.storeFaults = storeFaults
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
        router.post("/predict", placement: .pool) { [self] in try predictBatch($0) }
        router.post("/ratings", placement: .pool) { [self] in try postRatings($0) }
        router.get("/users/:user/ratings") { [self] in try userRatings($0) }
        router.delete("/users/:user/ratings/:movie", placement: .pool) { [self] in try deleteRating($0) }
        router.delete("/users/:user", placement: .pool) { [self] in try forgetUser($0) }
        router.get("/movies", placement: .poolWhen { [catalogue] _ in catalogue.count > Self.largeCatalogue }) {
            [self] in try searchMovies($0)
        }
        router.post("/movies", placement: .pool) { [self] in try addMovie($0) }
        router.get("/movies/:movie") { [self] in try movie($0) }
        router.patch("/movies/:movie", placement: .pool) { [self] in try updateMovie($0) }
        router.get("/health") { [self] _ in try health() }
        router.get("/metrics") { [self] _ in try metricsText() }
        router.get("/openapi.yaml") { [self] _ in contract() }
        if let token = live.adminToken { addAdminRoutes(to: &router, token: token) }
        let routes = router.table + [(method: "GET", template: "/")]
        router.get("/") { [self] _ in index(routes: routes) }
        return router
    }

    /// Catalogues past this many movies are searched off the event loop.
    static let largeCatalogue = 10_000

    /// Runs a store write through `storeFaults`: a full disk or an I/O error is recorded and
    /// answered 507 or 503, and a write that commits ends the fault.
    func storeWrite<T>(_ body: () throws -> T) throws -> T {
        try storeFaults.write(now: now(), body)
    }

    /// The serving model, or 503 while none is loaded.
    func servingModel() throws -> ServingModel {
        guard let model = registry.current else { throw ServiceError.noModel }
        return model
    }

    /// The models of `model` composed for one request, with the catalogue's movies it has
    /// not learned yet.
    func recommender(for model: ServingModel, catalogue snapshot: CatalogueSnapshot? = nil) -> Recommender {
        Recommender(models: model.models, version: model.info.version, foldIn: live.foldIn,
                    rerankCandidates: rerankCandidates,
                    coldMovies: coldMovies.movies(of: snapshot ?? catalogue.snapshot, for: model))
    }

    /// What a request may read of `user`: the store, now; and whether the serving model's
    /// rows for them must be ignored (they asked to be forgotten since it was trained).
    func context(for user: Int64) throws -> UserContext {
        let sequence = live.manager?.serving?.storeSequence ?? 0
        return UserContext(user: user, source: StoreUserRatings(store: store),
                           forgotten: try forgotten.contains(user, modelSequence: sequence, store: store))
    }

    /// Writes `items` as `[{"movie":…,"title":…,"score":…}]` under `key`, each cold-start
    /// movie flagged and, when given, each with the reasons that explain it.
    func writeScoredMovies(_ items: [ScoredMovie], key: String, titles: CatalogueSnapshot,
                           reasons: [[Reason]]? = nil, into writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for (index, item) in items.enumerated() {
            writer.beginObject()
            writer.field("movie", item.movie)
            writer.field("title", titles.movie(item.movie)?.title ?? "")
            writer.field("score", item.score)
            if item.coldStart { writer.field("cold_start", true) }
            if let reasons { writeReasons(reasons[index], titles: titles, into: &writer) }
            writer.endObject()
        }
        writer.endArray()
    }

    /// `"because":[{"movie":…,"title":…,"rating":…,"weight":…}]`.
    func writeReasons(_ reasons: [Reason], titles: CatalogueSnapshot, into writer: inout JSONWriter) {
        writer.key("because")
        writer.beginArray()
        for reason in reasons {
            writer.beginObject()
            writer.field("movie", reason.movie)
            writer.field("title", titles.movie(reason.movie)?.title ?? "")
            writer.field("rating", reason.rating)
            writer.field("weight", reason.weight)
            writer.endObject()
        }
        writer.endArray()
    }
}
