import ArgumentParser
import Foundation
import Models
import Service

/// `serve`'s options for learning while serving: the model directory, retraining
/// triggers, fold-in and the admin token.
struct LiveOptions: ParsableArguments {
    @Option(help: "Directory of versioned model files: serve the newest valid one, write retrained ones there (default: the --model file's directory).")
    var modelDir: String?

    @Option(help: "Retrain in the background this often when ratings arrived (e.g. 90s, 30m, 1h).")
    var retrainEvery: String?

    @Option(help: "Retrain in the background once this many ratings arrived since the serving model.")
    var retrainAfter: Int?

    @Option(help: "Keep a retrained model only if its validation RMSE is at most this fraction worse than the serving one's.")
    var retrainTolerance = 0.02

    @Option(help: "Holdout of background retraining (last-N, random or none; see `train --holdout`).")
    var retrainHoldout = "last-1"

    @Option(help: "Latent factors of retrained models.")
    var retrainFactors = MatrixFactorizationConfiguration().factors

    @Option(help: "Model files to keep in the model directory (the serving one always stays).")
    var keepModels = 5

    @Flag(help: "Also fold in users the model knows, so their newest ratings count before retraining.")
    var foldInKnownUsers = false

    @Flag(help: "Serve users the model does not know from popularity only, without fold-in.")
    var noFoldIn = false

    @Option(help: "Ridge weight on a folded-in user's factors and bias.")
    var foldInRegularization: Float = FoldInCache.Settings().regularization

    @Option(help: "Seconds between checks for a model retrained by another server sharing the PostgreSQL store.")
    var modelPoll = 2.0

    @Option(help: "File holding the bearer token that enables /admin/* (else env MOVIEREC_ADMIN_TOKEN).")
    var adminTokenFile: String?

    func validate() throws {
        if let retrainEvery, RetrainInterval.parse(retrainEvery) == nil {
            throw ValidationError("--retrain-every must be a positive number with ms, s, m or h, got \"\(retrainEvery)\"")
        }
        if let retrainAfter, retrainAfter < 1 { throw ValidationError("--retrain-after must be at least 1") }
        guard retrainTolerance >= 0 else { throw ValidationError("--retrain-tolerance must not be negative") }
        guard TrainingHoldout(retrainHoldout) != nil else {
            throw ValidationError("--retrain-holdout must be last-N, random or none; got \"\(retrainHoldout)\"")
        }
        guard retrainFactors >= 1 else { throw ValidationError("--retrain-factors must be at least 1") }
        guard modelPoll >= 0.1 else { throw ValidationError("--model-poll must be at least 0.1 seconds") }
        guard keepModels >= 1 else { throw ValidationError("--keep-models must be at least 1") }
        guard foldInRegularization >= 0 else { throw ValidationError("--fold-in-regularization must not be negative") }
        if let adminTokenFile, !FileManager.default.fileExists(atPath: adminTokenFile) {
            throw ValidationError("\(adminTokenFile): no such admin token file")
        }
    }

    /// The admin token from the file, else the environment; nil leaves /admin/* unregistered.
    func adminToken() throws -> AdminToken? {
        if let adminTokenFile {
            guard let token = AdminToken(try String(contentsOfFile: adminTokenFile, encoding: .utf8)) else {
                throw ValidationError("\(adminTokenFile) is empty")
            }
            return token
        }
        return ProcessInfo.processInfo.environment["MOVIEREC_ADMIN_TOKEN"].flatMap(AdminToken.init)
    }

    func pipeline() -> TrainingPipeline {
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = retrainFactors
        return TrainingPipeline(configuration: configuration, holdout: TrainingHoldout(retrainHoldout) ?? .last(1))
    }

    /// - Parameter sharedStore: other servers write the store too, so cached fold-ins
    ///   must be checked against it.
    func foldInCache(sharedStore: Bool) -> FoldInCache? {
        guard !noFoldIn else { return nil }
        return FoldInCache(settings: FoldInCache.Settings(regularization: foldInRegularization,
                                                          biasRegularization: foldInRegularization,
                                                          knownUsers: foldInKnownUsers, sharedStore: sharedStore))
    }
}
