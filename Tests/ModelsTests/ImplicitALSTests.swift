import Linalg
import Ratings
import Testing
@testable import Models

/// The default configuration (ML-100k's) at 8 factors, with λ raised to suit this data's
/// co-occurrence counts: with ν = 1, λ 0.05 put 99.2 % of held-out movies first, 0.2 all of them.
private func configuration(_ solver: ImplicitALSConfiguration.Solver = .cholesky, epochs: Int = 10) -> ImplicitALSConfiguration {
    var config = ImplicitALSConfiguration()
    config.factors = 8
    config.epochs = epochs
    config.regularization = 0.2
    config.solver = solver
    return config
}

@Test(arguments: ImplicitALSConfiguration.Solver.allCases)
func implicitALSRanksHeldOutInClusterMoviesFirst(solver: ImplicitALSConfiguration.Solver) throws {
    let data = ClusteredRatings()
    let split = Split.random(data.ratings, trainFraction: 0.8, seed: 4)
    let model = try ImplicitALSTrainer(configuration: configuration(solver)).train(split.train).model
    let first = try data.heldOutRankedFirst(training: split.train, heldOut: split.validation, movies: model.movies) {
        model.scores(userVector: try model.foldIn($0))
    }
    #expect(first > 0.99, "\(first) of held-out movies above every other cluster's after 10 epochs")
    // Early stopping keeps the epoch with the best NDCG, which beats most-rated by far.
    let outcome = try ImplicitALSTrainer(configuration: configuration(solver)).train(split.train, validation: split.validation)
    let validation = try #require(outcome.validation)
    let floor = RankingValidation(training: split.train, validation: split.validation).mostRated()
    #expect(validation.hitRate > 0.75 && validation.ndcg > 2 * floor.ndcg, "\(validation) vs most rated \(floor)")
}

@Test func foldInRepeatsTheFinalUserStepBitForBit() throws {
    let ratings = ClusteredRatings().ratings
    let model = try ImplicitALSTrainer(configuration: configuration(epochs: 3)).train(ratings).model
    // One more user step of training against the final item factors, through the sweep.
    let data = try ImplicitFeedback(ratings)
    let weights = ImplicitWeights(configuration: model.configuration)
    var users = model.userFactors
    _ = try ImplicitALSSweep.solve(
        ImplicitALSSweep.Side(data.byUser, others: data.movies.count, weights: weights), own: &users,
        fixed: model.itemFactors,
        scaledGram: ImplicitALSSweep.scaledGram(of: model.itemFactors, weight: model.configuration.unobservedWeight),
        configuration: model.configuration, measureLoss: false)
    let byUser = Dictionary(grouping: ratings, by: \.user)
    for (user, history) in byUser {
        let row = try #require(model.users.index(of: user))
        #expect(try model.foldIn(history.reversed()) == users.row(row), "user \(user)")
    }
}

@Test func aFreshHistoryMovesTheScores() throws {
    let data = ClusteredRatings()
    let model = try ImplicitALSTrainer(configuration: configuration()).train(data.ratings).model
    let user: Int64 = 1000
    let history = data.ratings.filter { $0.user == user }
    let before = model.scores(userVector: try model.foldIn(history))
    // The user now rates five movies of cluster 2, later than everything else.
    let fresh = (0..<5).map { Rating(user: user, movie: ClusteredRatings.movie(cluster: 2, index: $0), value: 5, timestamp: 1 << 40) }
    let after = model.scores(userVector: try model.foldIn(history + fresh))
    let unseen = try #require(model.movies.index(of: ClusteredRatings.movie(cluster: 2, index: 20)))
    #expect(after[unseen] > before[unseen] + 0.1, "an unrated movie of the new cluster gains: \(before[unseen]) → \(after[unseen])")
    #expect(try model.foldIn([Rating(user: user, movie: 999_999, value: 5, timestamp: 0)]) == [Float](repeating: 0, count: 8))
    #expect(try model.foldIn([]) == [Float](repeating: 0, count: 8))
}

@Test(arguments: ImplicitALSConfiguration.Solver.allCases)
func theObjectiveDecreasesEveryEpoch(solver: ImplicitALSConfiguration.Solver) throws {
    var config = configuration(solver, epochs: 12)
    config.regularizationExponent = 0.5
    config.confidence = .stars
    config.targets = RatingWeights([.init(minimum: 4, value: 1), .init(minimum: 0, value: 0.5)])
    config.unobservedWeight = 0.5
    var losses: [Double] = []
    _ = try ImplicitALSTrainer(configuration: config).train(ClusteredRatings().ratings) { losses.append($0.loss) }
    #expect(losses.count == 12)
    for (earlier, later) in zip(losses, losses.dropFirst()) {
        #expect(later <= earlier * (1 + 1e-6), "\(losses)")
    }
    #expect(losses[11] < 0.9 * losses[0])
}

@Test func conjugateGradientReachesTheCholeskySolution() throws {
    var generator = SeededGenerator(seed: 9)
    let k = 6, count = 40, rows = 50
    let fixed = (0..<(rows * k)).map { _ in Float(generator.nextGaussian()) }
    let others = (0..<count).map { _ in Int32(generator.nextIndex(below: rows)) }
    let a = (0..<count).map { _ in Float(1 + 3 * generator.nextUniform()) }
    let b = (0..<count).map { _ in Float(generator.nextUniform()) }
    let matrix = Matrix(rows: rows, columns: k, storage: fixed)
    let gram = ImplicitALSSweep.scaledGram(of: matrix, weight: 0.5)
    let solver = ImplicitRowSolver(factors: k)
    var exact = [Float](repeating: 0, count: k)
    var iterated = (0..<k).map { _ in Float(generator.nextGaussian()) }
    var fewSteps = iterated
    try fixed.withUnsafeBufferPointer { f in
    try others.withUnsafeBufferPointer { o in
    try a.withUnsafeBufferPointer { aBuffer in
    try b.withUnsafeBufferPointer { bBuffer in
    try gram.withUnsafeBufferPointer { g in
        let problem = ImplicitRowSolver.Problem(count: count, others: o.baseAddress!, fixed: f.baseAddress!,
                                                gramWeights: aBuffer.baseAddress!, targetWeights: bBuffer.baseAddress!,
                                                scaledGram: g.baseAddress!, regularization: 0.3)
        try exact.withUnsafeMutableBufferPointer { try solver.solveExactly(problem, x: $0.baseAddress!) }
        iterated.withUnsafeMutableBufferPointer { solver.refine(problem, x: $0.baseAddress!, steps: 3 * k) }
        fewSteps.withUnsafeMutableBufferPointer { solver.refine(problem, x: $0.baseAddress!, steps: 2) }
    }
    }
    }
    }
    }
    let scale = exact.map(abs).max() ?? 1
    let error = zip(exact, iterated).map { abs($0 - $1) }.max() ?? 1
    #expect(error < 1e-4 * scale, "CG \(iterated) vs Cholesky \(exact)")
    let rough = zip(exact, fewSteps).map { abs($0 - $1) }.max() ?? 1
    #expect(rough > error, "two steps from a random start are not yet there")
}

@Test(arguments: ImplicitALSConfiguration.Solver.allCases)
func threadsAndRatingOrderDoNotChangeTheModel(solver: ImplicitALSConfiguration.Solver) throws {
    var config = configuration(solver, epochs: 3)
    let ratings = ClusteredRatings().ratings
    let one = try ImplicitALSTrainer(configuration: config).train(ratings).model
    config.threads = 3
    let three = try ImplicitALSTrainer(configuration: config).train(ratings.reversed()).model
    #expect(one.userFactors == three.userFactors && one.itemFactors == three.itemFactors)
}

@Test func badInputAndConfigurationsAreTypedErrors() {
    #expect(throws: RankingModelError.emptyTrainingSet) { try ImplicitALSTrainer().train([]) }
    #expect(throws: RankingModelError.nonFiniteRating(user: 1, movie: 2)) {
        try ImplicitALSTrainer().train([Rating(user: 1, movie: 2, value: .infinity, timestamp: 0)])
    }
    var config = ImplicitALSConfiguration()
    config.alpha = -1
    #expect(throws: RankingModelError.self) { try config.validate() }
    config = ImplicitALSConfiguration()
    config.confidence = RatingWeights([.init(minimum: 0, value: -1)])
    #expect(throws: RankingModelError.self) { try config.validate() }
    config = ImplicitALSConfiguration()
    config.regularization = 0
    #expect(throws: RankingModelError.self) { try config.validate() }
}
