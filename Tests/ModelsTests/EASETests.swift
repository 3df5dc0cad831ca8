import Linalg
import Ratings
import Testing
@testable import Models

private func easeConfiguration(_ lambda: Float, targets: RatingWeights? = nil, rho: Float = 0,
                               extra: [EASEConfiguration.Channel] = []) -> EASEConfiguration {
    var config = EASEConfiguration()
    config.channels = [EASEConfiguration.Channel(inputs: .one, regularization: lambda)] + extra
    config.targets = targets
    config.popularityRegularization = rho
    config.popularityExponent = 0
    return config
}

private let highRatings = EASEConfiguration.Channel(inputs: .atLeast(4), regularization: 2)

/// λ of the order of the co-occurrence counts: with λ 5, noise inside a cluster gave some
/// in-cluster movies negative scores, below the other clusters' zeros (86 % first).
/// Targets that keep only good ratings see fewer co-occurrences and need more.
@Test(arguments: [easeConfiguration(50), easeConfiguration(200, targets: .atLeast(3)),
                  easeConfiguration(200, targets: .atLeast(4), extra: [EASEConfiguration.Channel(inputs: .atLeast(4), regularization: 200)])])
func easeRanksHeldOutInClusterMoviesFirst(configuration: EASEConfiguration) throws {
    let data = ClusteredRatings()
    let split = Split.random(data.ratings, trainFraction: 0.8, seed: 4)
    let model = try EASETrainer(configuration: configuration).train(split.train)
    let first = data.heldOutRankedFirst(training: split.train, heldOut: split.validation, movies: model.movies) {
        model.scores(history: $0)
    }
    #expect(first > 0.99, "\(first) of held-out movies above every other cluster's")
    let validation = RankingValidation(training: split.train, validation: split.validation)
    let scores = validation.measure(movies: model.movies) { model.scores(history: $0) }
    let floor = validation.mostRated()
    #expect(scores.hitRate > 0.75 && scores.ndcg > 2 * floor.ndcg, "\(scores) vs most rated \(floor)")
}

/// Two movies, λ = 1: user 1 rated both, user 2 only movie 10. G + λI = [[3, 1], [1, 2]],
/// P = [[2, −1], [−1, 3]] / 5, so B(10→20) = −P₁₂/P₂₂ = 1/3 and B(20→10) = −P₂₁/P₁₁ = 1/2.
@Test func easeMatchesAHandSolvedCase() throws {
    let ratings = [Rating(user: 1, movie: 10, value: 4, timestamp: 0), Rating(user: 1, movie: 20, value: 2, timestamp: 1),
                   Rating(user: 2, movie: 10, value: 5, timestamp: 2)]
    let model = try EASETrainer(configuration: easeConfiguration(1)).train(ratings)
    #expect(model.movies.ids == [10, 20])
    #expect(abs(model.weights[0, 1] - 1.0 / 3) < 1e-6 && abs(model.weights[1, 0] - 0.5) < 1e-6)
    #expect(model.weights[0, 0] == 0 && model.weights[1, 1] == 0)
    let scores = model.scores(history: [Rating(user: 9, movie: 20, value: 3, timestamp: 0),
                                        Rating(user: 9, movie: 77, value: 3, timestamp: 0)])
    #expect(scores == [model.weights[1, 0], 0])
}

/// The closed form's optimality conditions, checked in Double: (G + Λ)B − ZᵀY vanishes
/// except at (t·n + j, j), where the multipliers of B[t·n + j, j] = 0 sit.
@Test(arguments: [easeConfiguration(3), easeConfiguration(3, targets: .atLeast(4)),
                  easeConfiguration(3, targets: RatingWeights([.init(minimum: 4, value: 1), .init(minimum: 3, value: 0.3)]), rho: 0.2),
                  easeConfiguration(3, targets: .atLeast(4), extra: [highRatings])])
func easeWeightsSatisfyTheStationarityCondition(configuration: EASEConfiguration) throws {
    var generator = SeededGenerator(seed: 11)
    var ratings: [Rating] = []
    for user in 0..<40 {
        for movie in 0..<12 where generator.nextUniform() < 0.35 {
            ratings.append(Rating(user: Int64(user), movie: Int64(movie), value: Float(1 + generator.nextIndex(below: 5)), timestamp: 0))
        }
    }
    var config = configuration
    config.channels[0].inputs = RatingWeights([.init(minimum: 0, value: 1), .init(minimum: 4, value: 1.5)])
    let model = try EASETrainer(configuration: config).train(ratings)
    let n = model.movies.count, features = config.channels.count * n
    let targets = config.targets ?? config.channels[0].inputs
    var gram = [Double](repeating: 0, count: features * features)
    var cross = [Double](repeating: 0, count: features * n)
    for (_, history) in Dictionary(grouping: ratings, by: \.user) {
        let z = history.flatMap { rating in
            config.channels.enumerated().map { (t, channel) in
                (feature: t * n + model.movies.index(of: rating.movie)!, value: Double(channel.inputs.value(of: rating.value)))
            }
        }
        for p in z {
            for q in z { gram[p.feature * features + q.feature] += p.value * q.value }
            for rating in history {
                cross[p.feature * n + model.movies.index(of: rating.movie)!] += p.value * Double(targets.value(of: rating.value))
            }
        }
    }
    var worst = 0.0
    for f in 0..<features {
        #expect(model.weights[f, f % n] == 0)
        let penalty = Double(config.channels[f / n].regularization) + Double(config.popularityRegularization) * gram[f * features + f]
        for j in 0..<n where f % n != j {
            var residual = -cross[f * n + j] + penalty * Double(model.weights[f, j])
            for m in 0..<features { residual += gram[f * features + m] * Double(model.weights[m, j]) }
            worst = max(worst, abs(residual))
        }
    }
    #expect(worst < 1e-4, "largest residual off the constrained entries: \(worst)")
}

@Test func easeRefusesACatalogueOverItsLimitBeforeAllocating() {
    let movies = EASEConfiguration.maximumMovies / 2 + 1
    let ratings = (0..<movies).map { Rating(user: Int64($0 % 7), movie: Int64($0), value: 4, timestamp: 0) }
    let twoChannels = easeConfiguration(5, extra: [highRatings])
    #expect(throws: RankingModelError.catalogueTooLarge(movies: movies, maximum: EASEConfiguration.maximumMovies / 2)) {
        try EASETrainer(configuration: twoChannels).train(ratings)
    }
    #expect(throws: RankingModelError.self) { try EASETrainer(configuration: easeConfiguration(0)).train(ratings) }
}

@Test func thePopularityExponentScalesEachColumnByItsRatingCount() throws {
    let ratings = ClusteredRatings(clusters: 2, usersPerCluster: 10, moviesPerCluster: 6, density: 0.6).ratings
    let plain = try EASETrainer(configuration: easeConfiguration(5)).train(ratings)
    var config = easeConfiguration(5)
    config.popularityExponent = 0.5
    let scaled = try EASETrainer(configuration: config).train(ratings)
    let counts = Dictionary(grouping: ratings, by: \.movie).mapValues(\.count)
    for j in 0..<plain.movies.count {
        let factor = Float(1 / Double(counts[plain.movies.id(at: j)]! + 1).squareRoot())
        for i in 0..<plain.movies.count { #expect(abs(scaled.weights[i, j] - plain.weights[i, j] * factor) < 1e-6) }
    }
}

/// A history's k-th newest rating (by time, then movie id) counts d^k when scoring.
@Test func recencyDecayDiscountsOlderRatingsWhenScoring() throws {
    var config = easeConfiguration(1)
    config.recencyDecay = 0.5
    let ratings = ClusteredRatings(clusters: 1, usersPerCluster: 10, moviesPerCluster: 5, density: 0.8).ratings
    let model = try EASETrainer(configuration: config).train(ratings)
    let history = [Rating(user: 1, movie: 100, value: 4, timestamp: 30), Rating(user: 1, movie: 101, value: 4, timestamp: 10),
                   Rating(user: 1, movie: 102, value: 4, timestamp: 30)]
    // Newest: 102 (time 30, higher id), then 100, then 101.
    let scores = model.scores(history: history)
    for j in 0..<model.movies.count {
        let expected = model.weights[2, j] + 0.5 * model.weights[0, j] + 0.25 * model.weights[1, j]
        #expect(abs(scores[j] - expected) < 1e-6)
    }
}
