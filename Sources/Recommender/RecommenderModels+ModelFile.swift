import Models

/// Why a model file cannot be composed into a recommender.
public enum RecommenderModelsError: Error, Equatable, CustomStringConvertible {
    /// MF answers predictions for every user and movie it knows and is the fallback of
    /// every other model, so a file without it cannot serve.
    case noMatrixFactorization

    public var description: String {
        switch self {
        case .noMatrixFactorization: return "the file holds no MF model, which serving needs"
        }
    }
}

extension RecommenderModels {
    /// Every model in `file`, with the default ranker training recorded.
    /// - Parameter movieRatingCounts: ratings per raw movie id, for the most-rated list.
    public init(file: ModelFile, movieRatingCounts: [Int64: Int]) throws {
        guard file.models.contains(MatrixFactorizationTensors.kind) else { throw RecommenderModelsError.noMatrixFactorization }
        let mf = try file.matrixFactorization()
        let transformer = try file.transformerValidation().map { trained in
            TransformerRecommender(model: try file.transformer(), bestEpoch: trained.bestEpoch, validation: trained.validation,
                                   ratingRange: mf.minimumRating...mf.maximumRating)
        }
        let implicitALS = file.models.contains(ImplicitALSModel.kind) ? ImplicitALSRecommender(try file.implicitALS()) : nil
        let ease = file.models.contains(EASEModel.kind) ? EASERecommender(try file.ease()) : nil
        let sequence = file.models.contains(NextMovieModel.kind) ? NextMovieRecommender(try file.nextMovie()) : nil
        self.init(mf: MatrixFactorizationRecommender(mf), transformer: transformer, implicitALS: implicitALS, ease: ease,
                  sequence: sequence, blend: file.models.contains(ScoreBlend.kind) ? try file.blend() : nil,
                  mostRated: MostRatedRecommender(ratingCounts: movieRatingCounts),
                  defaultRanker: file.defaultRanker.flatMap(ModelKind.init(rawValue:)))
    }
}
