import Linalg
import Ratings

/// Tensor names of the iALS model: row r of the factors belongs to the r-th id.
public enum ImplicitALSTensors {
    public static let userFactors = "ials.user_factors"   // F32 (users, factors)
    public static let itemFactors = "ials.item_factors"   // F32 (movies, factors)
    public static let userIDs = "ials.user_ids"           // I64 (users): raw ids
    public static let itemIDs = "ials.item_ids"           // I64 (movies)
}

/// The iALS model's part of a model file: the tensors above, `ials.configuration` (JSON of
/// `ImplicitALSConfiguration`, its `epochs` the count the stored model ran),
/// `ials.best_epoch` and `ials.validation.*` (`ModelFile+Ranking`).
extension ModelFile {
    private enum IALSKey {
        static let configuration = "ials.configuration"
        static let bestEpoch = "ials.best_epoch"
    }

    /// Stores (or replaces) the iALS model with how it was chosen.
    public mutating func setImplicitALS(_ model: ImplicitALSModel, summary: RankingModelSummary) throws {
        typealias T = ImplicitALSTensors
        let k = model.factors
        try container.setFloats(T.userFactors, model.userFactors.storage, shape: [model.users.count, k])
        try container.setFloats(T.itemFactors, model.itemFactors.storage, shape: [model.movies.count, k])
        try container.setInt64s(T.userIDs, model.users.ids, shape: [model.users.count])
        try container.setInt64s(T.itemIDs, model.movies.ids, shape: [model.movies.count])
        let configuration = try Self.json(model.configuration)
        removeMetadata(prefixed: "ials.")
        container.metadata[IALSKey.configuration] = configuration
        if let epoch = summary.bestEpoch { container.metadata[IALSKey.bestEpoch] = String(epoch) }
        setRankingValidation(summary.validation, of: ImplicitALSModel.kind)
        addModel(ImplicitALSModel.kind)
    }

    /// The iALS model, after checking every tensor: dtypes, shapes consistent with one
    /// another and with the configuration, unique ids, finite values.
    public func implicitALS() throws -> ImplicitALSModel {
        typealias T = ImplicitALSTensors
        guard models.contains(ImplicitALSModel.kind) else { throw ModelFileError.missingModel(ImplicitALSModel.kind) }
        let configuration = try decoded(ImplicitALSConfiguration.self, key: IALSKey.configuration) { try $0.validate() }
        let k = configuration.factors
        let userIDs = try ids(T.userIDs), itemIDs = try ids(T.itemIDs)
        let users = try floats(T.userFactors, shape: [userIDs.count, k])
        let movies = try floats(T.itemFactors, shape: [itemIDs.count, k])
        return ImplicitALSModel(users: IDIndex(userIDs), movies: IDIndex(itemIDs),
                                userFactors: Matrix(rows: userIDs.count, columns: k, storage: users),
                                itemFactors: Matrix(rows: itemIDs.count, columns: k, storage: movies),
                                configuration: configuration)
    }

    /// How the stored iALS model was chosen; nil when the file holds none.
    public func implicitALSSummary() throws -> RankingModelSummary? {
        guard models.contains(ImplicitALSModel.kind) else { return nil }
        let epoch = container.metadata[IALSKey.bestEpoch] == nil ? nil : try integer(IALSKey.bestEpoch)
        return RankingModelSummary(validation: rankingValidation(of: ImplicitALSModel.kind), bestEpoch: epoch)
    }
}
