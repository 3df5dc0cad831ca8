import Linalg
import Models

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

/// One loaded model with everything requests need precomputed, immutable once built so
/// that a request keeps a consistent model for its whole life even while a newer one is
/// swapped in.
public final class ServingModel: Sendable {
    public let info: ModelInfo
    public let mf: MatrixFactorizationModel
    /// Item factors scaled to unit length: one gemv gives every cosine similarity.
    public let unitItemFactors: Matrix
    /// Movie indices by cold-start score (μ + b_i), best first, among movies with at least
    /// `minimumRatingsForPopular` training ratings: the list an unknown user is shown.
    public let popularMovies: [Int]
    /// The sequence transformer, when the model file holds one.
    public let transformer: ServingTransformer?

    /// Whether a product over the whole catalogue (every `/similar` request) is large enough
    /// to be split over the cores, and so to take a millisecond or more: from 4 MB of item
    /// factors, about 10,500 movies at 100 factors. Such requests leave the event loop.
    public var hasLargeCatalogue: Bool {
        unitItemFactors.rows * unitItemFactors.columns >= BLAS.acrossCoresMinimumElements
    }

    /// - Parameters:
    ///   - movieRatingCounts: training ratings per movie index; nil counts every movie as rated enough.
    public init(info: ModelInfo, mf: MatrixFactorizationModel, movieRatingCounts: [Int]?, minimumRatingsForPopular: Int,
                transformer: ServingTransformer? = nil) {
        self.info = info
        self.mf = mf
        self.transformer = transformer
        unitItemFactors = Cosine.normalizedRows(mf.itemFactors)
        let coldStart = mf.coldStartScores()
        popularMovies = coldStart.indices
            .filter { index in (movieRatingCounts?[index] ?? Int.max) >= minimumRatingsForPopular }
            .sorted { coldStart[$0] != coldStart[$1] ? coldStart[$0] > coldStart[$1] : $0 < $1 }
    }
}
