import Ratings
import Testing
@testable import Models

/// The generator's planted structure is what makes scale runs checkable for accuracy:
/// MF must learn it (far better than the global mean) and come near its noise floor.
@Suite struct SyntheticLearnabilityTests {
    @Test func matrixFactorizationLearnsThePlantedStructure() throws {
        let synthetic = try SyntheticRatings(SyntheticConfiguration(ratings: 150_000, users: 1_500, movies: 600, seed: 11))
        var training: [Rating] = [], validation: [Rating] = []
        synthetic.forEachRating { rating in
            if (rating.user &* 31 &+ rating.movie) % 10 == 0 { validation.append(rating) } else { training.append(rating) }
        }
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = 16
        configuration.learningRate = 0.02
        configuration.learningRateDecay = 0.95
        configuration.regularization = 0.05
        configuration.epochs = 40
        let outcome = try MatrixFactorizationTrainer(configuration: configuration).train(training, validation: validation)
        let mean = Float(training.reduce(0.0) { $0 + Double($1.value) } / Double(training.count))
        let baseline = ErrorMetrics.measure(validation) { _ in mean }.rmse
        let floor = ErrorMetrics.measure(validation) { synthetic.plantedScore(user: $0.user, movie: $0.movie) ?? mean }.rmse
        let learned = ErrorMetrics.measure(validation) { outcome.model.predict(user: $0.user, movie: $0.movie) }.rmse
        print("synthetic validation RMSE: global mean \(baseline), MF \(learned), planted floor \(floor)")
        #expect(learned < 0.75 * baseline, "MF \(learned) against the global mean's \(baseline)")
        #expect(learned < floor + 0.08, "MF \(learned) stays far from the noise floor \(floor)")
    }
}
