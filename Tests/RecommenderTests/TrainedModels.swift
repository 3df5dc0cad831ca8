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
        return RecommenderModels(
            mf: MatrixFactorizationRecommender(mf ?? emptyModel()),
            implicitALS: (try? ImplicitALSTrainer(configuration: ials).train(ratings, validation: nil).model)
                .map(ImplicitALSRecommender.init),
            ease: (try? EASETrainer(configuration: ease).train(ratings)).map(EASERecommender.init),
            mostRated: MostRatedRecommender(ratingCounts: ClusteredRatings.counts(ratings)))
    }

    private static func emptyModel() -> MatrixFactorizationModel {
        MatrixFactorizationModel(users: IDIndex(), movies: IDIndex(), globalMean: 0, userBias: [], itemBias: [],
                                 userFactors: .init(rows: 0, columns: 1, storage: []),
                                 itemFactors: .init(rows: 0, columns: 1, storage: []), minimumRating: 0, maximumRating: 5)
    }
}
