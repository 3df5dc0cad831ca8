import ArgumentParser
import Foundation
import Models
import Ratings
import Store

/// `movierec train`: fits the MF model on a rating snapshot and writes the model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the matrix-factorization model and write the model file.",
        discussion: """
            Reads every rating from the SQLite store (--db) or straight from dataset files \
            (--data, in file order, which the random split depends on). With a holdout it \
            prints one line per epoch (training MSE, validation MAE/MSE/RMSE, the median \
            baseline), stops when validation RMSE has not improved for --patience epochs and \
            keeps the best epoch. --holdout none trains on everything for --epochs epochs, or \
            for the best epoch count recorded in the model file named by --epochs-from.
            """)

    @Option(help: "SQLite database to read ratings from.")
    var db = "movierec.sqlite"

    @Option(help: "Dataset directory or rating file to read instead of the database.")
    var data: String?

    @Option(help: "Model file to write.")
    var out = "models/movierec.safetensors"

    @Option(help: "Validation ratings: last-N (each user's N newest), random (see --train-fraction, --split-seed), or none.")
    var holdout = "last-1"

    @Option(help: "Training share of the random holdout.")
    var trainFraction = 0.8

    @Option(help: "Seed of the random holdout (NumPy RandomState-compatible).")
    var splitSeed: UInt32 = 42

    @Option(help: "sgd or als.")
    var algorithm = MatrixFactorizationConfiguration().algorithm.rawValue

    @Option(help: "Maximum epochs (default \(MatrixFactorizationConfiguration().epochs)); with --holdout none the exact count, required unless --epochs-from is given.")
    var epochs: Int?

    @Option(help: "With --holdout none: take the epoch count from this model file's best epoch.")
    var epochsFrom: String?

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

    @Option(help: "Seed of initialisation and SGD order.")
    var seed = MatrixFactorizationConfiguration().seed

    @Option(help: "Epochs without validation improvement before stopping.")
    var patience = MatrixFactorizationConfiguration().patience

    @Option(help: "Worker threads (ALS: same result for any count; SGD: stratified rounds, reproducible per count).")
    var threads = MatrixFactorizationConfiguration().threads

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func validate() throws {
        _ = try parsedHoldout()
        guard MatrixFactorizationConfiguration.Algorithm(rawValue: algorithm) != nil else {
            throw ValidationError("unknown algorithm \"\(algorithm)\"; expected sgd or als")
        }
        guard trainFraction > 0, trainFraction < 1 else {
            throw ValidationError("--train-fraction must be between 0 and 1, got \(trainFraction)")
        }
        if epochsFrom != nil, try parsedHoldout() != .none {
            throw ValidationError("--epochs-from only applies with --holdout none")
        }
        if try parsedHoldout() == .none, epochs == nil, epochsFrom == nil {
            throw ValidationError("--holdout none needs --epochs N or --epochs-from MODEL (the best epoch of a validation run)")
        }
        if epochs != nil, epochsFrom != nil {
            throw ValidationError("give --epochs or --epochs-from, not both")
        }
        do {
            try configuration(epochs: epochs ?? MatrixFactorizationConfiguration().epochs).validate()
        } catch let error as MatrixFactorizationError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        do {
            try train()
        } catch let error as MatrixFactorizationError {
            throw ModelCommandFailure(message: error.description)
        } catch let error as ModelFileError {
            throw ModelCommandFailure(message: error.description)
        } catch let error as DatasetError {
            throw ModelCommandFailure(message: error.description)
        } catch let error as SQLiteError {
            throw ModelCommandFailure(message: "\(db): \(error.description)")
        } catch let error as StoreError {
            throw ModelCommandFailure(message: "\(db): \(error.description)")
        }
    }

    private func train() throws {
        let (ratings, fingerprint, sequence, source) = try loadRatings()
        let holdout = try parsedHoldout()
        let pipeline = TrainingPipeline(configuration: try configuration(epochs: try epochCount()), holdout: holdout)
        let config = pipeline.configuration
        let started = Date()
        let cpuStarted = clock()
        var result = try pipeline.run(ratings, fingerprint: fingerprint, onSplit: { training, validation in
            print("training \(config.algorithm.rawValue) MF on \(training) ratings from \(source), "
                  + "validating on \(validation) (holdout \(holdout.name))")
        }, onEpoch: { report in
            if !quiet { print(EpochLine.format(report)) }
        })
        result.file.storeSequence = sequence
        let seconds = Date().timeIntervalSince(started)
        let cpuSeconds = Double(clock() - cpuStarted) / Double(CLOCKS_PER_SEC)
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try result.file.write(to: url)
        let outcome = result.outcome
        var summary = "kept epoch \(outcome.bestEpoch) of \(outcome.reports.count) in \(EpochLine.fixed(seconds, 2)) s (\(EpochLine.fixed(cpuSeconds, 2)) s CPU)"
        if let validation = result.summary.validation {
            summary += ": validation MAE \(EpochLine.fixed(validation.mae, 4)) MSE \(EpochLine.fixed(validation.mse, 4))"
                + " RMSE \(EpochLine.fixed(validation.rmse, 4))"
        }
        print(summary)
        print("wrote \(out): \(outcome.model.users.count) users, \(outcome.model.movies.count) movies, \(config.factors) factors")
    }

    private func loadRatings() throws -> ([Rating], TrainingFingerprint, Int64?, String) {
        if let data {
            let ratings = try loadDataset(at: data).ratings
            return (ratings, TrainingFingerprint(ratings: ratings.count, maxTimestamp: ratings.map(\.timestamp).max() ?? 0), nil, data)
        }
        guard FileManager.default.fileExists(atPath: db) else {
            throw ModelCommandFailure(message: "\(db): no such database; run `movierec import` first or pass --data")
        }
        let snapshot = try SQLiteRatingStore(path: db).snapshot()
        return (snapshot.ratings,
                TrainingFingerprint(ratings: snapshot.fingerprint.count, maxTimestamp: snapshot.fingerprint.maxTimestamp),
                snapshot.fingerprint.sequence, db)
    }

    private func epochCount() throws -> Int {
        guard let epochsFrom else { return epochs ?? MatrixFactorizationConfiguration().epochs }
        guard let summary = try ModelFile(contentsOf: URL(fileURLWithPath: epochsFrom)).matrixFactorizationSummary() else {
            throw ModelCommandFailure(message: "\(epochsFrom): holds no MF model to take the epoch count from")
        }
        return summary.bestEpoch
    }

    private func configuration(epochs: Int) throws -> MatrixFactorizationConfiguration {
        var config = MatrixFactorizationConfiguration()
        config.algorithm = MatrixFactorizationConfiguration.Algorithm(rawValue: algorithm) ?? config.algorithm
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
        return config
    }

    private func parsedHoldout() throws -> TrainingHoldout {
        guard let holdout = TrainingHoldout(holdout, trainFraction: trainFraction, seed: splitSeed) else {
            throw ValidationError("--holdout must be last-N (N ≥ 1), random or none; got \"\(holdout)\"")
        }
        return holdout
    }
}

/// A failed command, printed as its message with a non-zero exit.
struct ModelCommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
