import ArgumentParser
import Foundation
import HTTP
import Linalg
import Logging
import Service
import Store

/// `movierec serve`: loads the store's catalogue and a model file and answers the API
/// of openapi.yaml until SIGINT or SIGTERM, finishing requests in flight before exiting.
/// It keeps learning: background retraining (`--retrain-every`, `--retrain-after`) into
/// `--model-dir`, reloads on SIGHUP and `POST /admin/reload`, fold-in of new users.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve predictions, recommendations, similar movies and rating ingestion over HTTP.")

    @Option(help: "SQLite database file (see `movierec import`) or postgres://user@host:port/db, which several servers can share.")
    var db = "movierec.sqlite"

    @Option(help: "Model file written by `movierec train`, served when --model-dir holds no valid model.")
    var model = "models/movierec.safetensors"

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Event-loop threads (default: one per core).")
    var threads: Int?

    @Option(help: ArgumentHelp("Threads for requests that block: posted ratings (a disk sync each), transformer predictions and re-ranking, model reloads.",
                               discussion: "They run off the event loops so that cheap requests on the same connection loop are not held up; 0 runs them on the loops."))
    var handlerThreads = 8

    @Option(help: "Open connections allowed at once; past it new ones get 503.")
    var maxConnections = 10_000

    @Option(help: "The ranker's best movies the transformer re-ranks for /recommendations?model=transformer.")
    var rerankCandidates = 100

    @Option(help: "Seconds to let requests in flight finish on SIGINT/SIGTERM.")
    var gracePeriod = 10

    @OptionGroup(title: "Limits")
    var limits: ServerLimitOptions

    @OptionGroup(title: "Learning while serving")
    var live: LiveOptions

    @OptionGroup(title: "Logs")
    var logs: LogOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard (0...256).contains(handlerThreads) else { throw ValidationError("--handler-threads must be 0…256") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard (1...1000).contains(rerankCandidates) else { throw ValidationError("--rerank-candidates must be 1…1000") }
        guard RatingStores.exists(db) else {
            throw ValidationError("\(db): no such database; create it with `movierec import`")
        }
    }

    func run() throws {
        let logger = logs.logger("movierec")
        // Requests run in parallel on the event loops and handler threads; OpenBLAS's own
        // threads would only contend with them for the same cores on every gemv.
        BLAS.setThreads(1)
        let store = try RatingStores.open(db) { reason in logger.notice("waiting for the store", metadata: ["reason": "\(reason)"]) }
        let coordinator = RatingStores.coordinator(for: store)
        let catalogue = Catalogue(try store.movies())
        let directory = ModelDirectory(path: live.modelDir ?? URL(fileURLWithPath: model).deletingLastPathComponent().path)
        let manager = ModelManager(store: store, registry: ModelRegistry(), options: ModelManager.Options(
            directory: directory, pipeline: live.pipeline(), tolerance: live.retrainTolerance,
            keep: live.keepModels), coordinator: coordinator, logger: logs.logger("movierec.models"))
        try manager.loadInitial(fallback: FileManager.default.fileExists(atPath: model) ? model : nil)
        let adminToken = try live.adminToken()
        let metrics = RequestMetrics()
        var configuration = HTTPServer.Configuration(host: host, port: port, maxConnections: maxConnections,
                                                     logger: logs.logger("movierec.http"))
        if let threads { configuration.eventLoopCount = threads }
        configuration.handlerThreads = handlerThreads
        limits.apply(to: &configuration)
        let access = AccessLog(logger: logs.logger("movierec.access"), slowThreshold: logs.slowRequestMs / 1000)
        configuration.observer = { record in
            metrics.record(route: record.route, method: record.method.rawValue, status: record.status, seconds: record.duration)
            access.record(record)
        }
        let service = RecommenderService(store: store, registry: manager.registry, catalogue: catalogue, metrics: metrics,
                                         live: LiveLearning(manager: manager, foldIn: live.foldInCache(sharedStore: coordinator.isShared),
                                                                           adminToken: adminToken),
                                         storeFaults: StoreFaults(logger: logs.logger("movierec.store")),
                                         rerankCandidates: rerankCandidates,
                                         futureTimestampTolerance: limits.futureTimestampTolerance, server: configuration)
        let server = HTTPServer(configuration: configuration, router: service.router())
        let bound = try server.start()
        try server.stopOnSignals(gracePeriod: .seconds(gracePeriod))
        try ProcessSignals.on([SIGHUP]) { _ in
            do {
                try manager.reload(name: nil)
            } catch {
                logger.error("SIGHUP reload failed; the serving model stays", metadata: ["error": "\(error)"])
            }
        }
        let scheduler = live.retrainEvery != nil || live.retrainAfter != nil
            ? RetrainScheduler(manager: manager, every: live.retrainEvery.flatMap(RetrainInterval.parse),
                               afterRatings: live.retrainAfter, logger: logs.logger("movierec.retrain"))
            : nil
        scheduler?.start()
        // Servers sharing the store learn of each other's retrained models by polling.
        let watcher = coordinator.isShared
            ? ModelVersionWatcher(manager: manager, interval: .milliseconds(Int64(live.modelPoll * 1000)),
                                  logger: logs.logger("movierec.models")) : nil
        watcher?.start()
        if adminToken != nil { logger.info("admin routes enabled") }
        let ratings = try store.ratingCount()
        logger.info("serving", metadata: ["address": "\(host):\(bound)", "movies": "\(catalogue.count)",
                                          "ratings": "\(ratings)", "store": "\(RatingStores.describe(db))"])
        print("movierec listening on http://\(host):\(bound)")
        fflush(stdout)
        server.waitUntilStopped()
        scheduler?.stop()
        watcher?.stop()
        LogWriter.standardError.flush()
    }
}
