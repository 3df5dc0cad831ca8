import ArgumentParser
import Models

/// The MF hyper-parameter flags `train` and `eval` share (the seed is not among them: each
/// command owns its `--seed`).
struct MatrixFactorizationOptions: ParsableArguments {
    @Option(help: "sgd or als.")
    var algorithm = MatrixFactorizationConfiguration().algorithm.rawValue

    @Option(help: "Maximum epochs (default \(MatrixFactorizationConfiguration().epochs)); with train --holdout none the exact count, required unless --epochs-from is given.")
    var epochs: Int?

    @Option(help: "Latent factors per user and movie.")
    var factors = MatrixFactorizationConfiguration().factors

    @Option(help: "SGD initial step size.")
    var learningRate = MatrixFactorizationConfiguration().learningRate

    @Option(help: "SGD step size factor per epoch.")
    var learningRateDecay = MatrixFactorizationConfiguration().learningRateDecay

    @Option(help: "L2 weight on user and movie factors.")
    var regularization = MatrixFactorizationConfiguration().regularization

    @Option(help: "L2 weight on user and movie biases.")
    var biasRegularization = MatrixFactorizationConfiguration().biasRegularization

    @Option(help: "Standard deviation of the initial factors.")
    var initStd = MatrixFactorizationConfiguration().initStandardDeviation

    @Option(help: "Epochs without validation improvement before stopping.")
    var patience = MatrixFactorizationConfiguration().patience

    @Option(help: "Worker threads (ALS: same result for any count; SGD: stratified rounds, reproducible per count).")
    var threads = MatrixFactorizationConfiguration().threads

    /// The configuration these flags describe, with the given epoch count and seed; throws a
    /// `ValidationError` for an unknown algorithm or an out-of-range value.
    func configuration(epochs: Int, seed: UInt64) throws -> MatrixFactorizationConfiguration {
        guard let algorithm = MatrixFactorizationConfiguration.Algorithm(rawValue: algorithm) else {
            throw ValidationError("unknown algorithm \"\(self.algorithm)\"; expected sgd or als")
        }
        var config = MatrixFactorizationConfiguration()
        config.algorithm = algorithm
        config.epochs = epochs
        config.factors = factors
        config.learningRate = learningRate
        config.learningRateDecay = learningRateDecay
        config.regularization = regularization
        config.biasRegularization = biasRegularization
        config.initStandardDeviation = initStd
        config.seed = seed
        config.patience = patience
        config.threads = threads
        do {
            try config.validate()
        } catch let error as MatrixFactorizationError {
            throw ValidationError(error.description)
        }
        return config
    }
}
