import ArgumentParser
import Models

/// The ranking models' flags for `train`: iALS (`--ials-…`) and EASE (`--ease-…`), defaulting
/// to the configurations' measured defaults.
struct RankingOptions: ParsableArguments {
    @Option(name: .customLong("ials-factors"), help: "iALS factors per user and movie.")
    var factors = ImplicitALSConfiguration().factors

    @Option(name: .customLong("ials-epochs"), help: "Maximum iALS epochs (early stopping on validation NDCG@10); with --holdout none the exact count unless --epochs-from gives it.")
    var epochs = ImplicitALSConfiguration().epochs

    @Option(name: .customLong("ials-regularization"), help: "iALS λ.")
    var regularization = ImplicitALSConfiguration().regularization

    @Option(name: .customLong("ials-regularization-exponent"), help: "iALS ν: λ·(ratings + α₀·rows of the other side)^ν per row; 0 for plain L2.")
    var regularizationExponent = ImplicitALSConfiguration().regularizationExponent

    @Option(name: .customLong("ials-alpha"), help: "iALS α of the confidence 1 + α·f(rating).")
    var alpha = ImplicitALSConfiguration().alpha

    @Option(name: .customLong("ials-confidence"), help: "iALS f(rating) as minimum:value steps, e.g. 4:1,0:0.")
    var confidence = ImplicitALSConfiguration().confidence.description

    @Option(name: .customLong("ials-targets"), help: "iALS target of a rated movie as minimum:value steps.")
    var targets = ImplicitALSConfiguration().targets.description

    @Option(name: .customLong("ials-unobserved-weight"), help: "iALS α₀, the weight of every unrated pair.")
    var unobservedWeight = ImplicitALSConfiguration().unobservedWeight

    @Option(name: .customLong("ials-solver"), help: "iALS row solver: cg (conjugate gradient, warm-started) or cholesky (exact).")
    var solver = ImplicitALSConfiguration().solver.rawValue

    @Option(name: .customLong("ials-cg-steps"), help: "Conjugate-gradient steps per row and epoch.")
    var conjugateGradientSteps = ImplicitALSConfiguration().conjugateGradientSteps

    @Option(name: .customLong("ials-threads"), help: "iALS worker threads (the same model for any count).")
    var threads = ImplicitALSConfiguration().threads

    @Option(name: .customLong("ials-patience"), help: "Validated iALS epochs without a better NDCG@10 before stopping.")
    var patience = ImplicitALSConfiguration().patience

    @Option(name: .customLong("ials-validate-every"), help: "Validate iALS every N epochs (validation scores the whole catalogue per user).")
    var validateEvery = ImplicitALSConfiguration().validateEvery

    @Option(name: .customLong("ease-channel"), help: "An EASE input channel as steps@λ, e.g. stars@9000 (the rating value), 0:1@800 (every rated movie) or 4:1@300 (rated 4 or more); repeat for several.")
    var easeChannels = EASEConfiguration().channels.map { "\($0.inputs)@\($0.regularization)" }

    @Option(name: .customLong("ease-popularity-regularization"), help: "EASE ρ: movie j's penalty is λ + ρ·G_jj.")
    var easePopularityRegularization = EASEConfiguration().popularityRegularization

    @Option(name: .customLong("ease-popularity-exponent"), help: "EASE β: movie j's scores are scaled by (training ratings + 1)^−β.")
    var easePopularityExponent = EASEConfiguration().popularityExponent

    @Option(name: .customLong("ease-recency-decay"), help: "EASE d: when scoring, a history's k-th newest rating counts d^k (1: all alike).")
    var easeRecencyDecay = EASEConfiguration().recencyDecay

    @Option(name: .customLong("ease-targets"), help: "EASE target of a rated movie as minimum:value steps, or \"inputs\" for the first channel's inputs (Steck's Y = X).")
    var easeTargets = EASEConfiguration().targets?.description ?? "inputs"

    @Option(help: "Rank validation for at most this many users (an evenly spaced sample), 0 for all.")
    var rankingValidationUsers = RankingTraining.defaultValidationUsers

    /// The iALS configuration these flags describe, with `epochs` and `seed`.
    func implicitALS(epochs: Int, seed: UInt64) throws -> ImplicitALSConfiguration {
        var config = ImplicitALSConfiguration()
        config.factors = factors
        config.epochs = epochs
        config.regularization = regularization
        config.regularizationExponent = regularizationExponent
        config.alpha = alpha
        config.confidence = try Self.weights(confidence, flag: "--ials-confidence")
        config.targets = try Self.weights(targets, flag: "--ials-targets")
        config.unobservedWeight = unobservedWeight
        guard let solver = ImplicitALSConfiguration.Solver(rawValue: solver) else {
            throw ValidationError("--ials-solver takes cg or cholesky, got \"\(self.solver)\"")
        }
        config.solver = solver
        config.conjugateGradientSteps = conjugateGradientSteps
        config.threads = threads
        config.patience = patience
        config.validateEvery = validateEvery
        config.seed = seed
        try Self.checked { try config.validate() }
        return config
    }

    /// What `train` and `eval` fit: iALS for `epochs` when `implicitALS`, EASE when `ease`,
    /// the next-movie transformer when given
    /// (with the next-item preset validated beside it when the EASE flags were left at their
    /// defaults), validated on at most `--ranking-validation-users` users.
    func training(implicitALS trainsImplicitALS: Bool = true, ease trainsEASE: Bool = true,
                  nextMovie: NextMovieTrainer? = nil, epochs: Int, seed: UInt64) throws -> RankingTraining {
        let ease = try ease()
        return RankingTraining(
            implicitALS: trainsImplicitALS ? try implicitALS(epochs: epochs, seed: seed) : nil,
            ease: trainsEASE ? ease : nil, easeAlternatives: ease == EASEConfiguration() ? [.nextItem] : [],
            nextMovie: nextMovie,
            validationUsers: rankingValidationUsers == 0 ? nil : rankingValidationUsers)
    }

    func ease() throws -> EASEConfiguration {
        var config = EASEConfiguration()
        config.channels = try easeChannels.map { text in
            let parts = text.split(separator: "@")
            guard parts.count == 2, let lambda = Float(parts[1]) else {
                throw ValidationError("--ease-channel takes steps@λ such as 0:1@800, got \"\(text)\"")
            }
            return EASEConfiguration.Channel(inputs: try Self.weights(String(parts[0]), flag: "--ease-channel"), regularization: lambda)
        }
        config.popularityRegularization = easePopularityRegularization
        config.popularityExponent = easePopularityExponent
        config.recencyDecay = easeRecencyDecay
        config.targets = easeTargets == "inputs" ? nil : try Self.weights(easeTargets, flag: "--ease-targets")
        try Self.checked { try config.validate() }
        return config
    }

    func validate() throws {
        _ = try implicitALS(epochs: epochs, seed: ImplicitALSConfiguration().seed)
        _ = try ease()
        if rankingValidationUsers < 0 {
            throw ValidationError("--ranking-validation-users must be at least 0, got \(rankingValidationUsers)")
        }
    }

    private static func weights(_ text: String, flag: String) throws -> RatingWeights {
        guard let parsed = RatingWeights(text) else {
            throw ValidationError("\(flag) takes minimum:value steps such as 4:1,3:0.3, got \"\(text)\"")
        }
        return parsed
    }

    private static func checked(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as RankingModelError {
            throw ValidationError(error.description)
        }
    }
}
