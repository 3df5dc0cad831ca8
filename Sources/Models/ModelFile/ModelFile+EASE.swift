import Linalg
import Ratings

/// Tensor names of the EASE model: column r of the weights, and row t·movies + r of channel
/// t, belong to the r-th id.
public enum EASETensors {
    public static let weights = "ease.weights"   // F32 (channels · movies, movies), zero at (t·n + j, j)
    public static let itemIDs = "ease.item_ids"  // I64 (movies): raw ids
}

/// The EASE model's part of a model file: the tensors above, `ease.configuration` (JSON of
/// `EASEConfiguration`) and `ease.validation.*` (`ModelFile+Ranking`).
extension ModelFile {
    private static let easeConfigurationKey = "ease.configuration"

    /// Stores (or replaces) the EASE model with how it validated.
    public mutating func setEASE(_ model: EASEModel, summary: RankingModelSummary) throws {
        let n = model.movies.count
        try container.setFloats(EASETensors.weights, model.weights.storage, shape: [model.weights.rows, n])
        try container.setInt64s(EASETensors.itemIDs, model.movies.ids, shape: [n])
        let configuration = try Self.json(model.configuration)
        removeMetadata(prefixed: "ease.")
        container.metadata[Self.easeConfigurationKey] = configuration
        setRankingValidation(summary.validation, of: EASEModel.kind)
        addModel(EASEModel.kind)
    }

    /// The EASE model, after checking its tensors: dtypes, a (channels · n) × n matrix for n
    /// unique ids, finite values, zeros where a movie would predict itself.
    public func ease() throws -> EASEModel {
        guard models.contains(EASEModel.kind) else { throw ModelFileError.missingModel(EASEModel.kind) }
        let configuration = try decoded(EASEConfiguration.self, key: Self.easeConfigurationKey) { try $0.validate() }
        let itemIDs = try ids(EASETensors.itemIDs)
        let n = itemIDs.count
        let rows = configuration.channels.count * n
        let weights = try floats(EASETensors.weights, shape: [rows, n])
        guard (0..<rows).allSatisfy({ weights[$0 * n + $0 % n] == 0 }) else {
            throw ModelFileError.nonZeroDiagonal(tensor: EASETensors.weights)
        }
        return EASEModel(movies: IDIndex(itemIDs), weights: Matrix(rows: rows, columns: n, storage: weights),
                         configuration: configuration)
    }

    /// How the stored EASE model validated; nil when the file holds none.
    public func easeSummary() -> RankingModelSummary? {
        guard models.contains(EASEModel.kind) else { return nil }
        return RankingModelSummary(validation: rankingValidation(of: EASEModel.kind))
    }
}
