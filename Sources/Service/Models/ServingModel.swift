import Linalg
import Models
import Recommender

/// Where a serving model came from, for `/health` and logs.
public struct ModelInfo: Sendable, Equatable {
    /// A name unique to this model file (its creation time and data fingerprint).
    public var version: String
    public var kinds: [String]
    /// ISO 8601 creation time from the file's metadata.
    public var created: String?
    /// Rows and newest timestamp of the ratings it was trained on.
    public var trainedOnRatings: Int
    public var trainedOnMaxTimestamp: Int64

    public init(version: String, kinds: [String], created: String?, trainedOnRatings: Int, trainedOnMaxTimestamp: Int64) {
        self.version = version
        self.kinds = kinds
        self.created = created
        self.trainedOnRatings = trainedOnRatings
        self.trainedOnMaxTimestamp = trainedOnMaxTimestamp
    }
}

/// One loaded model file with everything requests need precomputed, immutable once built
/// so that a request keeps a consistent model for its whole life even while a newer one
/// is swapped in.
public final class ServingModel: Sendable {
    public let info: ModelInfo
    public let models: RecommenderModels

    public init(info: ModelInfo, models: RecommenderModels) {
        self.info = info
        self.models = models
    }

    /// A model of MF (and optionally the transformer) alone, ranked by MF.
    /// - Parameter movieRatingCounts: ratings per raw movie id, for the cold-start list.
    public convenience init(info: ModelInfo, mf: MatrixFactorizationModel, movieRatingCounts: [Int64: Int],
                            transformer: TransformerRecommender? = nil) {
        self.init(info: info, models: RecommenderModels(
            mf: MatrixFactorizationRecommender(mf), transformer: transformer,
            mostRated: MostRatedRecommender(ratingCounts: movieRatingCounts)))
    }

    public var mf: MatrixFactorizationModel { models.mf.model }
    public var transformer: TransformerRecommender? { models.transformer }

    /// Whether a product over the whole catalogue is large enough to be split over the
    /// cores, and so to take a millisecond or more. Such requests leave the event loop.
    public var hasLargeCatalogue: Bool { models.mf.hasLargeCatalogue }
}
