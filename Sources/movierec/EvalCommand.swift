import ArgumentParser
import Foundation
import Models
import Ratings
import Recommender
import Store

/// `movierec eval`: how accurate is movierec on these ratings? Rating error and top-k ranking
/// of baselines and MF on a held-out split, as a table, JSON and an SVG plot.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure rating error and top-k lists of baselines and every model on held-out ratings.",
        discussion: """
            Splits the ratings (--protocol), trains every model on the training part and compares \
            MF's rating error with the median, the global mean and a damped user+movie bias \
            baseline (MAE, MSE, RMSE), and every model's top-k list with the most-rated list on \
            HR@k, recall@k = hits/|relevant|, NDCG@k (binary, log2 discount, ideal from \
            min(k, |relevant|)), MAP@k (AP normalised by min(k, |relevant|)) and NDCG@--long-k. \
            Lists come from the recommender the server answers with: candidates are every movie \
            the model knows minus the user's training movies, and a user a model has nothing \
            personal for gets the most-rated list. Relevant = held-out ratings ≥ --relevance of \
            movies seen in training (next-item: the held-out movie whatever its value). Users \
            without a relevant held-out movie are left out of the ranking averages. Users with \
            fewer than --cold-start-threshold training ratings are also reported apart. With \
            --tuning inner (default) MF's epoch count is chosen on the same protocol applied to \
            the training part, then MF is refitted on the whole training part; --tuning held-out \
            stops on the held-out ratings as `train` does. k-fold prints mean ± sample std.
            """)

    @Option(help: "SQLite database file or postgres://user@host:port/db to read ratings from.")
    var db = "movierec.sqlite"

    @Option(help: "Dataset directory or rating file to read instead of the database.")
    var data: String?

    @Option(name: .customLong("protocol"), help: "last-n, next-item, random or kfold.")
    var evalProtocol = EvalProtocol.lastN

    @Option(help: "last-n: ratings held out per user.")
    var n = 1

    @Option(help: "random: training share.")
    var trainFraction = 0.8

    @Option(help: "Seed of the random and k-fold splits (NumPy RandomState-compatible) and of MF.")
    var seed: UInt32 = 42

    @Option(help: "kfold: number of folds.")
    var folds = 5

    @Option(help: "Length of the ranked list.")
    var k = 10

    @Option(help: "A longer list length, measured by NDCG too.")
    var longK = 20

    @Option(help: "A held-out rating at least this high is relevant (not for next-item).")
    var relevance: Float = 4

    @Option(help: "Users with fewer training ratings than this form the cold-start slice.")
    var coldStartThreshold = 20

    @Option(help: "Damping of the user+movie bias baseline (pseudo-ratings of residual 0).")
    var damping = BiasBaseline.defaultDamping

    @Option(help: "Where MF's early stopping looks: inner (a split of the training part) or held-out.")
    var tuning = "inner"

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Write training curves and a predicted-versus-actual heat map to this SVG file.")
    var plot: String?

    @OptionGroup(title: "Matrix factorization")
    var mf: MatrixFactorizationOptions

    @OptionGroup(title: "Ranking models (iALS, EASE), tuned on the inner split")
    var ranking: RankingOptions

    @OptionGroup(title: "Next-movie transformer (sequence), stopped early on the inner split")
    var nextMovie: NextMovieOptions

    @Flag(help: "Leave the next-movie transformer out (the slowest ranker to train).")
    var noSequence = false

    func validate() throws {
        guard n >= 1 else { throw ValidationError("--n must be at least 1, got \(n)") }
        guard trainFraction > 0, trainFraction < 1 else {
            throw ValidationError("--train-fraction must be between 0 and 1, got \(trainFraction)")
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2, got \(folds)") }
        guard k >= 1 else { throw ValidationError("--k must be at least 1, got \(k)") }
        guard longK >= k else { throw ValidationError("--long-k must be at least --k, got \(longK)") }
        guard relevance.isFinite else { throw ValidationError("--relevance must be a number, got \(relevance)") }
        guard coldStartThreshold >= 0 else {
            throw ValidationError("--cold-start-threshold must be ≥ 0, got \(coldStartThreshold)")
        }
        guard damping >= 0, damping.isFinite else { throw ValidationError("--damping must be ≥ 0, got \(damping)") }
        guard EvaluationOptions.Tuning(rawValue: tuning) != nil else {
            throw ValidationError("--tuning must be inner or held-out, got \"\(tuning)\"")
        }
        _ = try configuration()
    }

    func run() throws {
        try CommandFailure.reporting(db: db) { try evaluate() }
    }

    private func evaluate() throws {
        let (report, results) = try measure()
        if json {
            print(try report.json())
        } else {
            print(EvalTable.render(report))
        }
        if let plot {
            let svg = EvalPlot.svg(folds: results.map(\.errors), title: "movierec eval — \(report.protocolDescription)",
                                  validation: tuning == "inner" ? "inner-split" : "held-out")
            do {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: plot), options: .atomic)
            } catch {
                throw CommandFailure(message: "\(plot): cannot write the plot: \(error.localizedDescription)")
            }
            if !json { print("wrote \(plot)") }
        }
    }

    /// Loads the ratings, runs every split and gathers the report (progress on standard error).
    func measure() throws -> (report: EvalReport, folds: [EvalFold]) {
        let loaded = try RatingSource(db: db, data: data).load()
        let (ratings, source) = (loaded.ratings, loaded.source)
        let evaluator = Evaluator(configuration: try configuration(), options: options())
        let splits = evalProtocol.splits(ratings, n: n, trainFraction: trainFraction, folds: folds, seed: seed)
        var results: [EvalFold] = []
        for (number, pair) in splits.enumerated() {
            let errors = try evaluator.evaluate(pair.split, tuning: pair.tuning)
            let line = "split \(number + 1)/\(splits.count): MF \(errors.epochs) epochs, "
                + "\(EpochLine.fixed(errors.trainingSeconds, 2)) s\n"
            FileHandle.standardError.write(Data(line.utf8))
            results.append(try rank(pair.split, tuning: pair.tuning, errors: errors))
        }
        return (EvalReport(source: source, ratings: ratings.count, command: self, folds: results), results)
    }

    /// Every model's lists on one split, answered by the recommender the server uses. The
    /// ranking models are trained as `movierec train` trains them: validated on `tuning` (an
    /// inner split of the training part), refitted on the whole training part, and the best
    /// on `tuning` is the one served.
    private func rank(_ split: Split, tuning: Split, errors: FoldEvaluation) throws -> EvalFold {
        var scratch = ModelFile(training: TrainingFingerprint(ratings: split.train.count, maxTimestamp: 0))
        let training = try ranking.training(nextMovie: noSequence ? nil : try nextMovie.trainer(seed: UInt64(seed)),
                                            epochs: ranking.epochs, seed: UInt64(seed))
        let trained = try training.run(split.train, split: tuning, holdout: "inner",
                                       minimumRelevantRating: evalProtocol == .nextItem ? nil : relevance,
                                       matrixFactorization: nil, into: &scratch)
        let counts = split.train.reduce(into: [Int64: Int]()) { $0[$1.movie, default: 0] += 1 }
        let models = RecommenderModels(mf: MatrixFactorizationRecommender(errors.model),
                                       implicitALS: trained.implicitALS.map(ImplicitALSRecommender.init),
                                       ease: trained.ease.map(EASERecommender.init),
                                       sequence: trained.nextMovie.map(NextMovieRecommender.init), blend: trained.blend,
                                       mostRated: MostRatedRecommender(ratingCounts: counts),
                                       defaultRanker: trained.defaultRanker.flatMap(ModelKind.init(rawValue:)))
        let kinds = models.available.filter { $0 != .transformer }
        let ranking = try RankingEvaluation(training: split.train, heldOut: split.validation, cutoffs: [k, longK],
                                            isRelevant: evalProtocol.relevance(threshold: relevance))
            .measure(Recommender(models: models, version: "eval"), kinds: kinds, coldUsers: errors.coldStartUsers)
        return EvalFold(errors: errors, ranking: ranking, defaultRanker: models.defaultRanker)
    }

    func configuration() throws -> MatrixFactorizationConfiguration {
        try mf.configuration(epochs: mf.epochs ?? MatrixFactorizationConfiguration().epochs, seed: UInt64(seed))
    }

    func options() -> EvaluationOptions {
        var options = EvaluationOptions()
        options.coldStartThreshold = coldStartThreshold
        options.biasDamping = damping
        options.tuning = EvaluationOptions.Tuning(rawValue: tuning) ?? .inner
        return options
    }
}
