import Foundation
import Logging
import Models
import Ratings
import Store

/// Why a reload or the initial load cannot happen.
public enum ModelManagerError: Error, Equatable, CustomStringConvertible {
    case noSuchFile(String)
    case noValidModel(directory: String)
    case invalidModel(file: String, reason: String)

    public var description: String {
        switch self {
        case let .noSuchFile(name): return "no model file named \(name) in the model directory"
        case let .noValidModel(directory): return "\(directory) holds no valid model file"
        case let .invalidModel(file, reason): return "\(file) cannot be served: \(reason)"
        }
    }
}

/// Owns the serving model's life: the first load, reloads (admin route, SIGHUP) and
/// retraining from a store snapshot, each ending in an atomic `ModelRegistry.swap`, so
/// requests in flight finish on the model they started with and none fails.
///
/// Retraining runs `TrainingPipeline` (the code behind `movierec train`) on the calling
/// thread; `RetrainScheduler` calls it from a low-priority background thread. The new
/// model replaces the serving one only if it loads and validates and its validation
/// RMSE is at most `tolerance` (relative) worse than the serving model's own; otherwise
/// the old model keeps serving and the reason is kept in `state`.
///
/// The two RMSEs come from each model's own holdout at its own time (the files'
/// summaries), not from one shared test set: the serving model has usually seen the new
/// holdout's ratings in training, so scoring it there would flatter it.
///
/// Several servers sharing a PostgreSQL store and a model directory coordinate through
/// `coordinator`: a retraining runs only under its lease (one server at a time), a new
/// model is recorded as a version, and the others adopt it (`adoptNewestRecordedModel`,
/// polled by `ModelVersionWatcher`). With SQLite the coordinator is local and all of
/// this reduces to the single-server behaviour.
public final class ModelManager: @unchecked Sendable {
    public struct Options: Sendable {
        public var directory: ModelDirectory
        public var pipeline: TrainingPipeline
        /// Relative validation-RMSE loss accepted from a retrained model (0.02 = 2 %).
        public var tolerance: Double
        /// Model files kept in the directory (the serving one is never removed).
        public var keep: Int

        public init(directory: ModelDirectory, pipeline: TrainingPipeline = TrainingPipeline(),
                    tolerance: Double = 0.02, keep: Int = 5) {
            self.directory = directory
            self.pipeline = pipeline
            self.tolerance = tolerance
            self.keep = keep
        }
    }

    public let store: any RatingStore
    public let registry: ModelRegistry
    public let options: Options
    public let coordinator: any ReplicaCoordinator
    /// Swaps, retrainings and their outcomes, each logged once with what was done.
    private let logger: Logger
    private let lock = NSLock()
    private var state = RetrainState.never
    private var record: ServingRecord?
    /// The path `loadInitial` fell back to, reloaded when the directory has no model.
    private var fallback: String?
    /// The newest recorded model version this server has served or passed over.
    private var knownVersion: Int64 = 0
    /// Serialises swaps (loads and the install step of a retraining); never held while
    /// training, so a reload does not wait for a retraining to finish.
    private let changeLock = NSLock()
    /// One retraining at a time.
    private let retrainLock = NSLock()

    public init(store: any RatingStore, registry: ModelRegistry, options: Options,
                coordinator: any ReplicaCoordinator = LocalCoordinator(),
                logger: Logger = .silent("movierec.models")) {
        self.store = store
        self.registry = registry
        self.options = options
        self.coordinator = coordinator
        self.logger = logger
    }

    /// The last retraining's state.
    public var retrainState: RetrainState { lock.withLock { state } }

    /// What is known about the serving model, nil before the first load.
    public var serving: ServingRecord? { lock.withLock { record } }

    /// Ratings written since the serving model's snapshot (cheap: the store's write log).
    public func ratingsSinceServing() throws -> Int? {
        guard let sequence = serving?.storeSequence else { return nil }
        return try store.changes(since: StoreFingerprint(count: 0, maxTimestamp: 0, sequence: sequence))
    }

    /// Removes temporaries a crash left, then serves the newest valid file of the
    /// directory, or `fallback` (a path) when the directory has none. Temporaries are
    /// removed under the retraining lease only: in a shared directory another server's
    /// retraining may be writing one right now.
    @discardableResult
    public func loadInitial(fallback: String?) throws -> ServingModel {
        let removed = try coordinator.withRetrainingLease { try options.directory.removeLeftoverTemporaries() } ?? []
        if !removed.isEmpty { logger.notice("removed unfinished model files", metadata: ["files": "\(removed.joined(separator: ","))"]) }
        let recorded = try coordinator.latestModel()?.id ?? 0
        lock.withLock { knownVersion = max(knownVersion, recorded) }
        if let newest = try options.directory.newestValid() {
            return try load(path: newest.path, file: newest.name)
        }
        guard let fallback else { throw ModelManagerError.noValidModel(directory: options.directory.path) }
        lock.withLock { self.fallback = fallback }
        return try load(path: fallback, file: fallback)
    }

    /// Loads, validates and swaps in the named file of the directory, or the newest valid
    /// one when `name` is nil (or the initial fallback file if the directory holds none).
    /// On any error the serving model stays.
    @discardableResult
    public func reload(name: String?) throws -> ServingModel {
        let directory = options.directory
        if let name {
            guard try directory.names().contains(name) else { throw ModelManagerError.noSuchFile(name) }
            return try load(path: directory.url(of: name).path, file: name)
        }
        guard let newest = try directory.newestValid() else {
            guard let fallback = lock.withLock({ fallback }) else {
                throw ModelManagerError.noValidModel(directory: directory.path)
            }
            return try load(path: fallback, file: fallback)
        }
        return try load(path: newest.path, file: newest.name)
    }

    private func load(path: String, file: String) throws -> ServingModel {
        try changeLock.withLock {
            let model: ServingModel
            let modelFile: ModelFile
            do {
                modelFile = try ModelFile(contentsOf: URL(fileURLWithPath: path))
                model = try ServingModel.prepare(modelFile, path: path, movieRatingCounts: try store.ratingCountsByMovie())
            } catch let error as ModelManagerError {
                throw error
            } catch {
                throw ModelManagerError.invalidModel(file: file, reason: String(describing: error))
            }
            let sequence: Int64
            if let recorded = modelFile.storeSequence {
                sequence = recorded
            } else {
                sequence = try store.fingerprint().sequence
            }
            install(model, record: Self.record(of: model, file: file, modelFile: modelFile, sequence: sequence))
            return model
        }
    }

    private func install(_ model: ServingModel, record newRecord: ServingRecord) {
        registry.swap(to: model)
        lock.withLock { record = newRecord }
        logger.info("serving model", metadata: ["version": "\(model.info.version)", "users": "\(model.mf.users.count)",
                                               "movies": "\(model.mf.movies.count)"])
    }

    /// Serves the newest model another server recorded, if it is newer than any this
    /// server has served or passed over; returns it, or nil when there is nothing new.
    /// A recorded file that does not load is passed over (the error is thrown once) and
    /// the serving model stays.
    @discardableResult
    public func adoptNewestRecordedModel() throws -> ServingModel? {
        guard let latest = try coordinator.latestModel() else { return nil }
        let isNew = lock.withLock { () -> Bool in
            guard latest.id > knownVersion else { return false }
            knownVersion = latest.id
            return true
        }
        guard isNew, serving?.file != latest.file else { return nil }
        let model = try reload(name: latest.file)
        logger.info("adopted a model another server retrained", metadata: ["file": "\(latest.file)"])
        return model
    }

    /// What a call to `attemptRetraining` did.
    public enum RetrainAttempt: Sendable, Equatable {
        /// This server trained; the outcome.
        case ran(RetrainState)
        /// Another server had just retrained; its model is now served here instead.
        case adopted(version: String)
        /// Another server holds the retraining lease.
        case busy
    }

    /// Retrains under the coordinator's lease: first adopts a model another server
    /// recorded meanwhile (retraining again on the same data would waste the cores),
    /// else retrains. Returns `.busy` at once while another server retrains.
    public func attemptRetraining(now: @escaping () -> Date = Date.init) -> RetrainAttempt {
        retrainLock.lock()
        defer { retrainLock.unlock() }
        do {
            let attempt = try coordinator.withRetrainingLease { () -> RetrainAttempt in
                if coordinator.isShared {
                    do {
                        if let adopted = try adoptNewestRecordedModel() { return .adopted(version: adopted.info.version) }
                    } catch {
                        logger.warning("cannot serve the newest recorded model; retraining instead", metadata: ["error": "\(error)"])
                    }
                    let removed = try options.directory.removeLeftoverTemporaries()
                    if !removed.isEmpty { logger.notice("removed unfinished model files", metadata: ["files": "\(removed.joined(separator: ","))"]) }
                }
                return .ran(retrainHoldingLease(now: now))
            }
            return attempt ?? .busy
        } catch {
            let failed = RetrainState.failed(at: now().timeIntervalSince1970, error: String(describing: error))
            setState(failed)
            logger.error("retraining failed; the serving model stays", metadata: ["error": "\(error)"])
            return .ran(failed)
        }
    }

    /// Retrains from a snapshot of the store and swaps the result in if it validates.
    /// Returns the final state; a call while another retraining runs waits for it. When
    /// another server holds the lease or had just retrained, nothing is trained here and
    /// the last state is returned.
    @discardableResult
    public func retrain(now: @escaping () -> Date = Date.init) -> RetrainState {
        switch attemptRetraining(now: now) {
        case let .ran(state): return state
        case .adopted, .busy: return retrainState
        }
    }

    private func retrainHoldingLease(now: @escaping () -> Date) -> RetrainState {
        setState(.running(since: now().timeIntervalSince1970))
        let outcome: RetrainState
        do {
            outcome = try retrainLocked(now: now)
        } catch {
            outcome = .failed(at: now().timeIntervalSince1970, error: String(describing: error))
        }
        setState(outcome)
        switch outcome {
        case let .succeeded(_, version): logger.info("retraining succeeded; swapped in", metadata: ["version": "\(version)"])
        case let .rejected(_, reason): logger.warning("retraining rejected; the serving model stays", metadata: ["reason": "\(reason)"])
        case let .failed(_, error): logger.error("retraining failed; the serving model stays", metadata: ["error": "\(error)"])
        case .never, .running: break
        }
        return outcome
    }

    private func retrainLocked(now: () -> Date) throws -> RetrainState {
        let snapshot = try store.snapshot()
        let createdAt = now()
        logger.info("retraining", metadata: ["ratings": "\(snapshot.ratings.count)"])
        var result = try options.pipeline.run(
            snapshot.ratings,
            fingerprint: TrainingFingerprint(ratings: snapshot.fingerprint.count,
                                             maxTimestamp: snapshot.fingerprint.maxTimestamp),
            createdAt: createdAt)
        result.file.storeSequence = snapshot.fingerprint.sequence
        if let transformer = registry.current?.transformer {
            try result.file.setTransformer(transformer.model, bestEpoch: transformer.bestEpoch, validation: transformer.validation)
        }
        let newRMSE = result.summary.validation?.rmse
        if let newRMSE, let oldRMSE = serving?.validationRMSE, newRMSE > oldRMSE * (1 + options.tolerance) {
            return .rejected(at: now().timeIntervalSince1970, reason: "validation RMSE \(Self.fixed(newRMSE)) is worse than "
                             + "the serving model's \(Self.fixed(oldRMSE)) by more than \(Self.fixed(options.tolerance * 100)) %")
        }
        let name = try options.directory.write(result.file, createdAt: createdAt, ratings: snapshot.ratings.count)
        let path = options.directory.url(of: name).path
        let model: ServingModel
        do {
            model = try ServingModel.load(path: path, movieRatingCounts: try store.ratingCountsByMovie())
            let version = try coordinator.recordModel(file: name, storeSequence: snapshot.fingerprint.sequence,
                                                      createdAt: Int64(createdAt.timeIntervalSince1970))
            lock.withLock { knownVersion = max(knownVersion, version) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        try changeLock.withLock {
            install(model, record: Self.record(of: model, file: name, modelFile: result.file,
                                               sequence: snapshot.fingerprint.sequence))
            let removed = try options.directory.prune(keep: options.keep, protecting: name)
            if !removed.isEmpty { logger.info("removed old model files", metadata: ["files": "\(removed.joined(separator: ","))"]) }
        }
        return .succeeded(at: now().timeIntervalSince1970, version: model.info.version)
    }

    private func setState(_ newState: RetrainState) {
        lock.withLock { state = newState }
    }

    private static func record(of model: ServingModel, file: String, modelFile: ModelFile, sequence: Int64) -> ServingRecord {
        let rmse = (try? modelFile.matrixFactorizationSummary())??.validation?.rmse
        let formatter = ISO8601DateFormatter()
        return ServingRecord(
            file: file, version: model.info.version, validationRMSE: rmse, storeSequence: sequence,
            fingerprint: "r\(model.info.trainedOnRatings)-t\(model.info.trainedOnMaxTimestamp)-s\(sequence)",
            createdAt: model.info.created.flatMap { formatter.date(from: $0) }?.timeIntervalSince1970)
    }

    private static func fixed(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
