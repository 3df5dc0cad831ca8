import Models
import Ratings
@testable import Recommender

/// Every model kind trained on one rating set, small enough to train in a test.
enum TrainedModels {
    static func make(_ ratings: [Rating]) -> RecommenderModels {
        var configuration = MatrixFactorizationConfiguration()
        configuration.factors = 4
        configuration.epochs = 20
        // Training on a fixed small set cannot fail; a failure here is a bug the suite must show.
        let mf = (try? MatrixFactorizationTrainer(configuration: configuration).train(ratings).model)
        var ials = ImplicitALSConfiguration()
        ials.factors = 4
        ials.epochs = 10
        var ease = EASEConfiguration()
        ease.channels = [.init(inputs: .stars, regularization: 50)]
        ease.popularityExponent = 0
        let mfModel = mf ?? emptyModel()
        let sequence = try? nextMovie(ratings)
        return RecommenderModels(
            mf: MatrixFactorizationRecommender(mfModel),
            transformer: try? transformer(ratings, ratingRange: mfModel.minimumRating...mfModel.maximumRating),
            implicitALS: (try? ImplicitALSTrainer(configuration: ials).train(ratings, validation: nil).model)
                .map(ImplicitALSRecommender.init),
            ease: (try? EASETrainer(configuration: ease).train(ratings)).map(EASERecommender.init),
            sequence: sequence, blend: ScoreBlend(models: ["sequence", "ease"], weights: [0.5, 0.5]),
            mostRated: MostRatedRecommender(ratingCounts: ClusteredRatings.counts(ratings)))
    }

    /// A transformer small enough to train in a second: what the contract needs is its
    /// interface, not its accuracy.
    private static func transformer(_ ratings: [Rating], ratingRange: ClosedRange<Float>) throws -> TransformerRecommender {
        var base = TransformerConfig(movieCount: 1, userCount: 1)
        base.sequenceLength = 4
        base.embeddingSize = 4
        base.heads = 2
        base.feedForwardSize = 8
        base.hiddenSizes = [6, 4]
        let prepared = try TransformerDataset(ratings: ratings, profiles: [], base: base)
        var options = TransformerTrainingOptions()
        options.epochs = 1
        options.batchSize = 16
        let trained = try TransformerTrainer(config: prepared.config, options: options)
            .train(prepared.train, validation: prepared.validation, vocabulary: prepared.vocabulary)
        return TransformerRecommender(model: trained.model, bestEpoch: trained.bestEpoch,
                                      validation: ValidationScores(count: 1, mae: 1, mse: 1, rmse: 1), ratingRange: ratingRange)
    }

    /// A next-movie transformer of one small block, trained for a fixed number of epochs.
    private static func nextMovie(_ ratings: [Rating]) throws -> NextMovieRecommender {
        var config = NextMovieConfig(movieCount: 1)
        config.sequenceLength = 8
        config.embeddingSize = 8
        config.feedForwardSize = 16
        config.layers = 1
        config.dropout = 0.1
        var options = NextMovieTrainingOptions()
        options.maxEpochs = 12
        options.batchSize = 16
        options.learningRate = 1e-2
        let outcome = try NextMovieTrainer(config: config, options: options).train(ratings, validation: nil)
        return NextMovieRecommender(outcome.model)
    }

    private static func emptyModel() -> MatrixFactorizationModel {
        MatrixFactorizationModel(users: IDIndex(), movies: IDIndex(), globalMean: 0, userBias: [], itemBias: [],
                                 userFactors: .init(rows: 0, columns: 1, storage: []),
                                 itemFactors: .init(rows: 0, columns: 1, storage: []), minimumRating: 0, maximumRating: 5)
    }
}
