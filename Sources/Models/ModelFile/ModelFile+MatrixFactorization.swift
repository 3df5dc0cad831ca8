import Foundation
import Linalg
import Ratings

/// Tensor names and metadata keys of the MF model.
///
/// The four weights keep the reference notebook's `MfDotBias` names and PyTorch's
/// `padding_idx=0` layout: row 0 of each is an all-zero padding row and row r + 1 belongs
/// to `mf.user_ids[r]` / `mf.item_ids[r]`, so the tensors load into that module as they are.
/// movierec-specific tensors carry the `mf.` prefix.
public enum MatrixFactorizationTensors {
    public static let kind = "mf"
    public static let userEmbedding = "user_embedding.weight"   // F32 (users + 1, factors)
    public static let itemEmbedding = "item_embedding.weight"   // F32 (movies + 1, factors)
    public static let userBias = "user_bias.weight"             // F32 (users + 1, 1)
    public static let itemBias = "item_bias.weight"             // F32 (movies + 1, 1)
    public static let userIDs = "mf.user_ids"                   // I64 (users): raw ids, row r + 1
    public static let itemIDs = "mf.item_ids"                   // I64 (movies)
    public static let globalMean = "mf.global_mean"             // F32 (1): μ
    public static let ratingRange = "mf.rating_range"           // F32 (2): clip [min, max]

    static let all = [userEmbedding, itemEmbedding, userBias, itemBias, userIDs, itemIDs, globalMean, ratingRange]
}

extension ModelFile {
    private enum MFKey {
        static let factors = "mf.factors"
        static let users = "mf.users"
        static let movies = "mf.movies"
        static let configuration = "mf.configuration"
        static let bestEpoch = "mf.best_epoch"
        static let holdout = "mf.holdout"
        static let validationCount = "mf.validation.count"
        static let validationMAE = "mf.validation.mae"
        static let validationMSE = "mf.validation.mse"
        static let validationRMSE = "mf.validation.rmse"
    }

    /// Stores (or replaces) the MF model and its training summary.
    public mutating func setMatrixFactorization(_ model: MatrixFactorizationModel,
                                                summary: MatrixFactorizationSummary) throws {
        typealias T = MatrixFactorizationTensors
        let k = model.factors, users = model.users.count, movies = model.movies.count
        func padded(_ values: [Float], width: Int) -> [Float] {
            [Float](repeating: 0, count: width) + values
        }
        try container.setFloats(T.userEmbedding, padded(model.userFactors.storage, width: k), shape: [users + 1, k])
        try container.setFloats(T.itemEmbedding, padded(model.itemFactors.storage, width: k), shape: [movies + 1, k])
        try container.setFloats(T.userBias, padded(model.userBias, width: 1), shape: [users + 1, 1])
        try container.setFloats(T.itemBias, padded(model.itemBias, width: 1), shape: [movies + 1, 1])
        try container.setInt64s(T.userIDs, model.users.ids, shape: [users])
        try container.setInt64s(T.itemIDs, model.movies.ids, shape: [movies])
        try container.setFloats(T.globalMean, [model.globalMean], shape: [1])
        try container.setFloats(T.ratingRange, [model.minimumRating, model.maximumRating], shape: [2])

        let configuration = try Self.json(summary.configuration)
        removeMetadata(prefixed: "mf.")
        var metadata = container.metadata
        metadata[MFKey.factors] = String(k)
        metadata[MFKey.users] = String(users)
        metadata[MFKey.movies] = String(movies)
        metadata[MFKey.configuration] = configuration
        metadata[MFKey.bestEpoch] = String(summary.bestEpoch)
        metadata[MFKey.holdout] = summary.holdout
        if let scores = summary.validation {
            metadata[MFKey.validationCount] = String(scores.count)
            metadata[MFKey.validationMAE] = "\(scores.mae)"
            metadata[MFKey.validationMSE] = "\(scores.mse)"
            metadata[MFKey.validationRMSE] = "\(scores.rmse)"
        }
        container.metadata = metadata
        addModel(T.kind)
    }

    /// The MF model, after checking every tensor: dtypes, shapes consistent with one another
    /// and with the metadata, unique ids, finite values, a sane rating range.
    public func matrixFactorization() throws -> MatrixFactorizationModel {
        typealias T = MatrixFactorizationTensors
        guard models.contains(T.kind) else { throw ModelFileError.missingModel(T.kind) }
        let userIDs = try ids(T.userIDs)
        let itemIDs = try ids(T.itemIDs)
        let users = userIDs.count, movies = itemIDs.count
        let userShape = try shape(T.userEmbedding)
        guard userShape.count == 2, userShape[1] >= 1 else {
            throw ModelFileError.inconsistentShape(tensor: T.userEmbedding, expected: [users + 1, max(userShape.last ?? 1, 1)], actual: userShape)
        }
        let k = userShape[1]
        if let stated = container.metadata[MFKey.factors], Int(stated) != k {
            throw ModelFileError.invalidMetadata(key: MFKey.factors, value: stated)
        }
        let userFactors = try floats(T.userEmbedding, shape: [users + 1, k])
        let itemFactors = try floats(T.itemEmbedding, shape: [movies + 1, k])
        let userBias = try floats(T.userBias, shape: [users + 1, 1])
        let itemBias = try floats(T.itemBias, shape: [movies + 1, 1])
        let mean = try floats(T.globalMean, shape: [1])
        let range = try floats(T.ratingRange, shape: [2])
        guard range[0] <= range[1] else {
            throw ModelFileError.inconsistentShape(tensor: T.ratingRange, expected: [2], actual: [2])
        }
        return MatrixFactorizationModel(
            users: IDIndex(userIDs), movies: IDIndex(itemIDs), globalMean: mean[0],
            userBias: Array(userBias.dropFirst()), itemBias: Array(itemBias.dropFirst()),
            userFactors: Matrix(rows: users, columns: k, storage: Array(userFactors.dropFirst(k))),
            itemFactors: Matrix(rows: movies, columns: k, storage: Array(itemFactors.dropFirst(k))),
            minimumRating: range[0], maximumRating: range[1])
    }

    /// How the stored MF model was trained; nil when the file holds none.
    public func matrixFactorizationSummary() throws -> MatrixFactorizationSummary? {
        guard models.contains(MatrixFactorizationTensors.kind) else { return nil }
        let configuration = try decoded(MatrixFactorizationConfiguration.self, key: MFKey.configuration)
        let bestEpoch = try integer(MFKey.bestEpoch)
        var validation: ValidationScores?
        if container.metadata[MFKey.validationCount] != nil {
            validation = ValidationScores(count: try integer(MFKey.validationCount), mae: try number(MFKey.validationMAE),
                                          mse: try number(MFKey.validationMSE), rmse: try number(MFKey.validationRMSE))
        }
        return MatrixFactorizationSummary(configuration: configuration, bestEpoch: bestEpoch,
                                          holdout: try Self.required(MFKey.holdout, in: container),
                                          validation: validation)
    }
}
