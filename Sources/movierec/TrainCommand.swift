import ArgumentParser
import Foundation
import Linalg
import Models
import Ratings
import Store

/// `movierec train`: fits the models on a rating snapshot and writes the model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the rating and ranking models and write the model file.",
        discussion: """
            Reads every rating from the store (--db: SQLite or PostgreSQL) or straight from dataset files \
            (--data, in file order, which the random split depends on). With a holdout MF \
            prints one line per epoch (training MSE, validation MAE/MSE/RMSE, the median \
            baseline), stops when validation RMSE has not improved for --patience epochs and \
            keeps the best epoch. The ranking models (iALS, EASE) are validated on the same \
            holdout, or on --ranking-holdout, by HR@10 and NDCG@10 (relevant: held-out movies \
            rated 4 or more on a random holdout, every held-out movie otherwise), then refitted \
            on every rating; the best NDCG@10 among mf, ials and ease becomes ranking.default. \
            --holdout none trains on everything for --epochs (and --ials-epochs) epochs, or \
            for the best epoch counts recorded in the model file named by --epochs-from.
            """)

    @Option(help: "SQLite database file or postgres://user@host:port/db to read ratings from.")
    var db = "movierec.sqlite"

    @Option(help: "Dataset directory or rating file to read instead of the database.")
    var data: String?

    @Option(help: "Model file to write.")
    var out = "models/movierec.safetensors"

    @Option(help: "Validation ratings: last-N (each user's N newest), random (see --train-fraction, --split-seed), or none.")
    var holdout = "last-1"

    @Option(help: "Where the ranking models are validated when not on --holdout: last-N or random (MF may then train on everything with --holdout none).")
    var rankingHoldout: String?

    @Option(help: "Training share of the random holdout.")
    var trainFraction = 0.8

    @Option(help: "Seed of the random holdout (NumPy RandomState-compatible).")
    var splitSeed: UInt32 = 42

    @Option(help: "Models to train into the one file, comma-separated: mf, transformer, ials, ease, sequence (EASE is skipped, saying why, over \(EASEConfiguration.maximumMovies) movies divided by its input channels).")
    var models = "mf,transformer,ials,ease,sequence"

    @OptionGroup(title: "Matrix factorization")
    var mf: MatrixFactorizationOptions

    @OptionGroup(title: "Ranking models (iALS, EASE)")
    var ranking: RankingOptions

    @OptionGroup(title: "Rating transformer (BST; validated on each user's last rating whatever --holdout says)")
    var transformer: TransformerOptions

    @OptionGroup(title: "Next-movie transformer (sequence; stops early on each user's next movie)")
    var nextMovie: NextMovieOptions

    @Option(help: "With --holdout none: take the epoch count from this model file's best epoch.")
    var epochsFrom: String?

    @Option(help: ArgumentHelp("Copy the transformer from this model file instead of training it (it must have been trained on the same ratings).",
                               discussion: "The transformer takes minutes an epoch; this retrains MF and the rankers beside it."))
    var transformerFrom: String?

    @Option(help: "Seed of initialisation and SGD order.")
    var seed = MatrixFactorizationConfiguration().seed

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func validate() throws {
        _ = try parsedModels()
        _ = try transformer.config()
        _ = try transformer.trainingOptions(seed: seed)
        _ = try parsedHoldout()
        _ = try parsedRankingHoldout()
        guard trainFraction > 0, trainFraction < 1 else {
            throw ValidationError("--train-fraction must be between 0 and 1, got \(trainFraction)")
        }
        if epochsFrom != nil, try parsedHoldout() != TrainingHoldout.none {
            throw ValidationError("--epochs-from only applies with --holdout none")
        }
        if try parsedHoldout() == TrainingHoldout.none, try parsedModels().contains(MatrixFactorizationTensors.kind),
           mf.epochs == nil, epochsFrom == nil {
            throw ValidationError("--holdout none needs --epochs N or --epochs-from MODEL (the best epoch of a validation run)")
        }
        if mf.epochs != nil, epochsFrom != nil {
            throw ValidationError("give --epochs or --epochs-from, not both")
        }
        if transformerFrom != nil, try parsedModels().contains(TransformerModel.kind) {
            throw ValidationError("--transformer-from copies the transformer: leave transformer out of --models")
        }
        _ = try mf.configuration(epochs: mf.epochs ?? MatrixFactorizationConfiguration().epochs, seed: seed)
        _ = try ranking.implicitALS(epochs: ranking.epochs, seed: seed)
        _ = try nextMovie.trainer(seed: seed)
    }

    func run() throws {
        try CommandFailure.reporting(db: db) { try train() }
    }

    private func train() throws {
        let kinds = try parsedModels()
        let loaded = try RatingSource(db: db, data: data).load()
        var file = ModelFile(training: loaded.fingerprint)
        var described: [String] = []
        let rankers = try rankingTraining(kinds)
        let report = RankingReport(quiet: quiet)
        if kinds.contains(MatrixFactorizationTensors.kind) {
            let mfModel: MatrixFactorizationModel
            let ranked: RankingTraining.Result
            (file, mfModel, ranked) = try trainMatrixFactorization(loaded, ranking: rankers, report: report)
            described.append("MF with \(mfModel.users.count) users, \(mfModel.movies.count) movies, \(mfModel.factors) factors")
            described += report.summarize(ranked)
        } else if rankers.implicitALS != nil || rankers.ease != nil || rankers.nextMovie != nil {
            let holdout = try parsedRankingHoldout() ?? parsedHoldout()
            let ranked = try rankers.run(loaded.ratings, split: holdout.split(loaded.ratings), holdout: holdout.name,
                                         minimumRelevantRating: holdout.minimumRelevantRating,
                                         matrixFactorization: nil, into: &file, progress: report.progress)
            described += report.summarize(ranked)
        }
        file.storeSequence = loaded.storeSequence
        if kinds.contains(TransformerModel.kind) {
            let model = try trainTransformer(loaded, into: &file)
            described.append("transformer with \(model.config.movieCount) movies, \(model.config.userCount) users, "
                             + "d = \(model.config.embeddingSize), S = \(model.config.sequenceLength)")
        } else if let transformerFrom {
            try copyTransformer(from: transformerFrom, trainedOn: loaded.fingerprint, into: &file)
            described.append("the transformer of \(transformerFrom)")
        }
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.write(to: url)
        print("wrote \(out): " + described.joined(separator: "; "))
    }

    /// MF, then the ranking models, through the pipeline the server's retraining shares;
    /// prints one line per epoch.
    private func trainMatrixFactorization(_ loaded: RatingSource.Loaded, ranking rankers: RankingTraining,
                                          report: RankingReport) throws -> (ModelFile, MatrixFactorizationModel, RankingTraining.Result) {
        let holdout = try parsedHoldout()
        let pipeline = TrainingPipeline(configuration: try mf.configuration(epochs: try epochCount(), seed: seed),
                                        holdout: holdout, ranking: rankers, rankingHoldout: try parsedRankingHoldout())
        let config = pipeline.configuration
        let started = Date()
        let cpuStarted = clock()
        // CPU seconds since the previous epoch's report: on a shared machine the wall time
        // of an epoch includes waiting for a core.
        var cpuMark = cpuStarted
        let result = try pipeline.run(loaded.ratings, fingerprint: loaded.fingerprint, onSplit: { training, validation in
            print("training \(config.algorithm.rawValue) MF on \(training) ratings from \(loaded.source), "
                  + "validating on \(validation) (holdout \(holdout.name))")
            cpuMark = clock()
        }, onEpoch: { report in
            let now = clock()
            let cpu = Double(now - cpuMark) / Double(CLOCKS_PER_SEC)
            cpuMark = now
            if !quiet { print(EpochLine.format(report) + " (\(EpochLine.fixed(cpu, 4)) s CPU)") }
        }, onMatrixFactorization: { outcome, summary in
            let seconds = Date().timeIntervalSince(started)
            let cpuSeconds = Double(clock() - cpuStarted) / Double(CLOCKS_PER_SEC)
            var line = "MF: kept epoch \(outcome.bestEpoch) of \(outcome.reports.count) in \(EpochLine.fixed(seconds, 2)) s (\(EpochLine.fixed(cpuSeconds, 2)) s CPU)"
            if let validation = summary.validation {
                line += ": validation MAE \(EpochLine.fixed(validation.mae, 4)) MSE \(EpochLine.fixed(validation.mse, 4))"
                    + " RMSE \(EpochLine.fixed(validation.rmse, 4))"
            }
            print(line)
        }, onRanking: report.progress)
        return (result.file, result.outcome.model, result.ranking)
    }

    /// The sequence transformer on the notebook's sequences, early-stopped on each user's
    /// last rating; its tensors join `file`.
    private func trainTransformer(_ loaded: RatingSource.Loaded, into file: inout ModelFile) throws -> TransformerModel {
        BLAS.setThreads(transformer.blasThreads)
        let prepared = try TransformerDataset(ratings: loaded.ratings, profiles: loaded.users, base: try transformer.config(),
                                              heldBack: transformer.tuning ? 1 : 0,
                                              validationPerUser: transformer.validationLast)
        let validated = transformer.validationLast == 1 ? "each user's last rating" : "each user's last \(transformer.validationLast) ratings"
        print("training transformer on \(prepared.train.count) sequences, validating on \(prepared.validation.count) "
              + (transformer.tuning ? "(\(validated) before the newest, which is held back)" : "(\(validated))")
              + (prepared.config.useUserFeatures ? " with user features" : ""))
        let trainer = try TransformerTrainer(config: prepared.config, options: try transformer.trainingOptions(seed: seed))
        let started = Date()
        let result = try trainer.train(prepared.train, validation: prepared.validation, vocabulary: prepared.vocabulary) { report in
            if !quiet { print(EpochLine.format(report)) }
        }
        guard let best = result.reports.first(where: { $0.epoch == result.bestEpoch }) else {
            throw CommandFailure(message: "transformer training kept no epoch")
        }
        let validation = ValidationScores(best.validation)
        try file.setTransformer(result.model, bestEpoch: result.bestEpoch, validation: validation)
        print("transformer: kept epoch \(result.bestEpoch) of \(result.reports.count) in "
              + "\(EpochLine.fixed(Date().timeIntervalSince(started), 1)) s: validation MAE \(EpochLine.fixed(validation.mae, 4)) "
              + "MSE \(EpochLine.fixed(validation.mse, 4)) RMSE \(EpochLine.fixed(validation.rmse, 4))")
        return result.model
    }

    /// The transformer of another model file, which must have been trained on the same
    /// ratings (its vocabulary and validation are theirs).
    private func copyTransformer(from path: String, trainedOn fingerprint: TrainingFingerprint, into file: inout ModelFile) throws {
        let source = try ModelFile(contentsOf: URL(fileURLWithPath: path))
        guard let trained = try source.transformerValidation() else {
            throw CommandFailure(message: "\(path): holds no transformer to copy")
        }
        let theirs = try source.training
        guard theirs == fingerprint else {
            throw CommandFailure(message: "\(path): its transformer was trained on \(theirs.ratings) ratings up to \(theirs.maxTimestamp), "
                                 + "these are \(fingerprint.ratings) up to \(fingerprint.maxTimestamp)")
        }
        try file.setTransformer(try source.transformer(), bestEpoch: trained.bestEpoch, validation: trained.validation)
    }

    private func parsedModels() throws -> Set<String> {
        let known = [MatrixFactorizationTensors.kind, TransformerModel.kind, ImplicitALSModel.kind, EASEModel.kind,
                     NextMovieModel.kind]
        let kinds = Set(models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        guard !kinds.isEmpty, kinds.isSubset(of: known) else {
            throw ValidationError("--models takes mf, transformer, ials, ease and sequence, comma-separated; got \"\(models)\"")
        }
        return kinds
    }

    /// The ranking models `kinds` asks for, with the flags' configurations; with
    /// `--epochs-from` iALS runs the epoch count recorded there.
    private func rankingTraining(_ kinds: Set<String>) throws -> RankingTraining {
        var epochs = ranking.epochs
        if let epochsFrom, kinds.contains(ImplicitALSModel.kind) {
            guard let summary = try ModelFile(contentsOf: URL(fileURLWithPath: epochsFrom)).implicitALSSummary(),
                  let chosen = summary.bestEpoch else {
                throw CommandFailure(message: "\(epochsFrom): holds no iALS model to take the epoch count from")
            }
            epochs = chosen
        }
        return try ranking.training(implicitALS: kinds.contains(ImplicitALSModel.kind), ease: kinds.contains(EASEModel.kind),
                                    nextMovie: kinds.contains(NextMovieModel.kind) ? try nextMovie.trainer(seed: seed) : nil,
                                    epochs: epochs, seed: seed)
    }

    private func epochCount() throws -> Int {
        guard let epochsFrom else { return mf.epochs ?? MatrixFactorizationConfiguration().epochs }
        guard let summary = try ModelFile(contentsOf: URL(fileURLWithPath: epochsFrom)).matrixFactorizationSummary() else {
            throw CommandFailure(message: "\(epochsFrom): holds no MF model to take the epoch count from")
        }
        return summary.bestEpoch
    }

    private func parsedRankingHoldout() throws -> TrainingHoldout? {
        guard let rankingHoldout else { return nil }
        guard let parsed = TrainingHoldout(rankingHoldout, trainFraction: trainFraction, seed: splitSeed),
              parsed != TrainingHoldout.none else {
            throw ValidationError("--ranking-holdout must be last-N (N ≥ 1) or random; got \"\(rankingHoldout)\"")
        }
        return parsed
    }

    private func parsedHoldout() throws -> TrainingHoldout {
        guard let parsed = TrainingHoldout(holdout, trainFraction: trainFraction, seed: splitSeed) else {
            throw ValidationError("--holdout must be last-N (N ≥ 1), random or none; got \"\(holdout)\"")
        }
        return parsed
    }
}
