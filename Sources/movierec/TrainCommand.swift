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

    @OptionGroup(title: "Matrix factorization")
    var mf: MatrixFactorizationOptions

    @Option(help: "With --holdout none: take the epoch count from this model file's best epoch.")
    var epochsFrom: String?

    @Option(help: "Seed of initialisation and SGD order.")
    var seed = MatrixFactorizationConfiguration().seed

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func validate() throws {
        _ = try parsedHoldout()
        guard trainFraction > 0, trainFraction < 1 else {
            throw ValidationError("--train-fraction must be between 0 and 1, got \(trainFraction)")
        }
        if epochsFrom != nil, try parsedHoldout() != TrainingHoldout.none {
            throw ValidationError("--epochs-from only applies with --holdout none")
        }
        if try parsedHoldout() == TrainingHoldout.none, mf.epochs == nil, epochsFrom == nil {
            throw ValidationError("--holdout none needs --epochs N or --epochs-from MODEL (the best epoch of a validation run)")
        }
        if mf.epochs != nil, epochsFrom != nil {
            throw ValidationError("give --epochs or --epochs-from, not both")
        }
        _ = try mf.configuration(epochs: mf.epochs ?? MatrixFactorizationConfiguration().epochs, seed: seed)
    }

    func run() throws {
        do {
            try train()
        } catch let error as MatrixFactorizationError {
            throw CommandFailure(message: error.description)
        } catch let error as ModelFileError {
            throw CommandFailure(message: error.description)
        } catch let error as DatasetError {
            throw CommandFailure(message: error.description)
        } catch let error as SQLiteError {
            throw CommandFailure(message: "\(db): \(error.description)")
        } catch let error as StoreError {
            throw CommandFailure(message: "\(db): \(error.description)")
        }
    }

    private func train() throws {
        let loaded = try RatingSource(db: db, data: data).load()
        let holdout = try parsedHoldout()
        let pipeline = TrainingPipeline(configuration: try mf.configuration(epochs: try epochCount(), seed: seed),
                                        holdout: holdout)
        let config = pipeline.configuration
        let started = Date()
        let cpuStarted = clock()
        var result = try pipeline.run(loaded.ratings, fingerprint: loaded.fingerprint, onSplit: { training, validation in
            print("training \(config.algorithm.rawValue) MF on \(training) ratings from \(loaded.source), "
                  + "validating on \(validation) (holdout \(holdout.name))")
        }, onEpoch: { report in
            if !quiet { print(EpochLine.format(report)) }
        })
        result.file.storeSequence = loaded.storeSequence
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

    private func epochCount() throws -> Int {
        guard let epochsFrom else { return mf.epochs ?? MatrixFactorizationConfiguration().epochs }
        guard let summary = try ModelFile(contentsOf: URL(fileURLWithPath: epochsFrom)).matrixFactorizationSummary() else {
            throw CommandFailure(message: "\(epochsFrom): holds no MF model to take the epoch count from")
        }
        return summary.bestEpoch
    }

    private func parsedHoldout() throws -> TrainingHoldout {
        guard let parsed = TrainingHoldout(holdout, trainFraction: trainFraction, seed: splitSeed) else {
            throw ValidationError("--holdout must be last-N (N ≥ 1), random or none; got \"\(holdout)\"")
        }
        return parsed
    }
}
