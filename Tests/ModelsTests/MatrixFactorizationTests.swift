import Linalg
import Ratings
import Testing
@testable import Models

/// Ratings from a planted biased-MF model plus Gaussian noise of standard deviation
/// `noise`, on a random `density` share of all (user, movie) pairs.
private struct PlantedData {
    let ratings: [Rating]
    let noise: Double

    init(users: Int = 150, movies: Int = 120, factors: Int = 4, density: Double = 0.4,
         noise: Double = 0.2, seed: UInt64 = 5) {
        var generator = SeededGenerator(seed: seed)
        let p = (0..<(users * factors)).map { _ in generator.nextGaussian() * 0.6 }
        let q = (0..<(movies * factors)).map { _ in generator.nextGaussian() * 0.6 }
        let bu = (0..<users).map { _ in generator.nextGaussian() * 0.3 }
        let bi = (0..<movies).map { _ in generator.nextGaussian() * 0.3 }
        var ratings: [Rating] = []
        for u in 0..<users {
            for i in 0..<movies where generator.nextUniform() < density {
                var value = 3.5 + bu[u] + bi[i] + generator.nextGaussian() * noise
                for f in 0..<factors { value += p[u * factors + f] * q[i * factors + f] }
                ratings.append(Rating(user: Int64(1000 + u), movie: Int64(50 + i), value: Float(value),
                                      timestamp: Int64(ratings.count)))
            }
        }
        self.ratings = ratings
        self.noise = noise
    }
}

private func configuration(_ algorithm: MatrixFactorizationConfiguration.Algorithm) -> MatrixFactorizationConfiguration {
    var config = MatrixFactorizationConfiguration()
    config.algorithm = algorithm
    config.factors = 4
    config.epochs = 80
    config.patience = 5
    config.initStandardDeviation = 0.1
    if algorithm == .sgd {
        config.learningRate = 0.03
        config.learningRateDecay = 0.97
        config.regularization = 0.02
        config.biasRegularization = 0.02
    } else {
        config.regularization = 0.05
        config.biasRegularization = 0.05
    }
    return config
}

@Test(arguments: [MatrixFactorizationConfiguration.Algorithm.sgd, .als])
func trainingRecoversPlantedFactorsToNearTheNoiseFloor(algorithm: MatrixFactorizationConfiguration.Algorithm) throws {
    let data = PlantedData()
    let split = Split.random(data.ratings, trainFraction: 0.8, seed: 1)
    var reports: [EpochReport] = []
    let outcome = try MatrixFactorizationTrainer(configuration: configuration(algorithm))
        .train(split.train, validation: split.validation) { reports.append($0) }
    let rmse = try #require(outcome.validation).rmse
    // Noise σ = 0.2 is the floor; a model that learned the planted structure lands within 40 % of it,
    // while the median baseline is far above (the planted signal has σ ≈ 0.8).
    #expect(rmse < data.noise * 1.4, "validation RMSE \(rmse) vs noise \(data.noise)")
    let baseline = try #require(reports.first?.baseline).rmse
    #expect(baseline > 3 * rmse)
    #expect(reports.count == outcome.reports.count)
    #expect(reports.filter(\.isBest).last?.epoch == outcome.bestEpoch)
}

@Test func earlyStoppingKeepsTheBestEpoch() throws {
    let data = PlantedData(noise: 0.5)
    let split = Split.random(data.ratings, trainFraction: 0.8, seed: 2)
    var config = configuration(.sgd)
    config.factors = 30
    config.regularization = 0
    config.learningRate = 0.05
    config.learningRateDecay = 1
    config.patience = 2
    let outcome = try MatrixFactorizationTrainer(configuration: config).train(split.train, validation: split.validation)
    let best = try #require(outcome.validation).rmse
    let allRMSE = outcome.reports.compactMap { $0.validation?.rmse }
    #expect(best == allRMSE.min())
    #expect(outcome.reports.count == outcome.bestEpoch + config.patience, "an overfitting model stops after patience epochs")
    let kept = ErrorMetrics.measure(split.validation) { outcome.model.predict(user: $0.user, movie: $0.movie) }
    #expect(kept.rmse == best)
}

@Test func trainingWithoutValidationRunsEveryEpoch() throws {
    var config = configuration(.sgd)
    config.epochs = 7
    let outcome = try MatrixFactorizationTrainer(configuration: config).train(PlantedData().ratings)
    #expect(outcome.reports.count == 7)
    #expect(outcome.bestEpoch == 7)
    #expect(outcome.validation == nil)
}

@Test(arguments: [MatrixFactorizationConfiguration.Algorithm.sgd, .als])
func sameSeedGivesTheSameModel(algorithm: MatrixFactorizationConfiguration.Algorithm) throws {
    var config = configuration(algorithm)
    config.epochs = 5
    let ratings = PlantedData().ratings
    let first = try MatrixFactorizationTrainer(configuration: config).train(ratings).model
    let second = try MatrixFactorizationTrainer(configuration: config).train(ratings.reversed()).model
    let identical = first == second
    #expect(identical, "same seed, same ratings in another order")
    config.seed += 1
    let other = try MatrixFactorizationTrainer(configuration: config).train(ratings).model
    let differs = first != other
    #expect(differs, "another seed")
}

@Test func alsGivesTheSameModelOnOneThreadAsOnTwo() throws {
    var config = configuration(.als)
    config.epochs = 3
    config.threads = 1
    let ratings = PlantedData().ratings
    let sequential = try MatrixFactorizationTrainer(configuration: config).train(ratings).model
    config.threads = 2
    let parallel = try MatrixFactorizationTrainer(configuration: config).train(ratings).model
    let identical = parallel == sequential
    #expect(identical)
}

@Test func predictionsFallBackToBiasesForUnknownIDsAndStayInRange() throws {
    var config = configuration(.sgd)
    config.epochs = 5
    let model = try MatrixFactorizationTrainer(configuration: config).train(PlantedData().ratings).model
    let movie = try #require(model.movies.index(of: 50))
    let user = try #require(model.users.index(of: 1000))
    #expect(model.predict(user: -1, movie: 50) == model.clip(model.globalMean + model.itemBias[movie]))
    #expect(model.predict(user: 1000, movie: -1) == model.clip(model.globalMean + model.userBias[user]))
    #expect(model.predict(user: -1, movie: -1) == model.clip(model.globalMean))
    let scores = model.scores(forUser: user)
    #expect(scores.count == model.movies.count)
    #expect(abs(scores[movie] - model.rawPrediction(userIndex: user, movieIndex: movie)) < 1e-4)
    #expect(model.coldStartScores()[movie] == model.globalMean + model.itemBias[movie])
    for index in 0..<model.movies.count {
        let value = model.predict(userIndex: user, movieIndex: index)
        #expect(value >= model.minimumRating && value <= model.maximumRating)
    }
}

@Test func foldInRecoversAPlantedUser() throws {
    var generator = SeededGenerator(seed: 21)
    let k = 6, movies = 80
    let itemFactors = Matrix(rows: movies, columns: k, storage: (0..<(movies * k)).map { _ in Float(generator.nextGaussian()) })
    let itemBias = (0..<movies).map { _ in Float(generator.nextGaussian() * 0.3) }
    let model = MatrixFactorizationModel(
        users: IDIndex([1]), movies: IDIndex((0..<movies).map { Int64(100 + $0) }), globalMean: 3.5,
        userBias: [0], itemBias: itemBias, userFactors: Matrix(rows: 1, columns: k), itemFactors: itemFactors,
        minimumRating: 1, maximumRating: 5)
    let planted = (0..<k).map { _ in Float(generator.nextGaussian() * 0.5) }
    let plantedBias: Float = -0.4
    let ratings = (0..<40).map { i -> (movie: Int64, value: Float) in
        let dot = (0..<k).reduce(Float(0)) { $0 + planted[$1] * itemFactors[i, $1] }
        return (Int64(100 + i), 3.5 + plantedBias + itemBias[i] + dot)
    } + [(movie: Int64(999_999), value: Float(1))]
    let folded = try model.foldIn(ratings: ratings, regularization: 1e-5, biasRegularization: 1e-5)
    #expect(abs(folded.bias - plantedBias) < 1e-2, "bias \(folded.bias) vs \(plantedBias)")
    let worst = zip(folded.factors, planted).map { abs($0 - $1) }.max() ?? 1
    #expect(worst < 1e-2, "max factor error \(worst)")
    let empty = try model.foldIn(ratings: [(movie: 5, value: 4)], regularization: 0.1, biasRegularization: 0.1)
    #expect(empty.bias == 0 && empty.factors.allSatisfy { $0 == 0 })
}

@Test func badInputIsRejected() {
    #expect(throws: MatrixFactorizationError.emptyTrainingSet) {
        try MatrixFactorizationTrainer().train([])
    }
    let nan = [Rating(user: 1, movie: 2, value: .nan, timestamp: 0)]
    #expect(throws: MatrixFactorizationError.nonFiniteRating(user: 1, movie: 2)) {
        try MatrixFactorizationTrainer().train(nan)
    }
    var config = MatrixFactorizationConfiguration()
    config.factors = 0
    #expect(throws: MatrixFactorizationError.self) { try MatrixFactorizationTrainer(configuration: config).train(nan) }
}

@Test func stratifiedSGDOnTwoThreadsIsReproducibleAndStillLearns() throws {
    var config = configuration(.sgd)
    config.threads = 2
    let data = PlantedData()
    let split = Split.random(data.ratings, trainFraction: 0.8, seed: 1)
    let first = try MatrixFactorizationTrainer(configuration: config).train(split.train, validation: split.validation)
    let second = try MatrixFactorizationTrainer(configuration: config).train(split.train, validation: split.validation)
    let identical = first.model == second.model
    #expect(identical)
    let rmse = try #require(first.validation).rmse
    #expect(rmse < data.noise * 1.4, "validation RMSE \(rmse) vs noise \(data.noise)")
}
