import Foundation
import Ratings

/// Tensor and metadata names of the next-movie transformer: every parameter under
/// `sequence.` + the PyTorch reference's `state_dict` name (`scripts/next_movie_module.py`
/// loads them with the prefix stripped), the raw movie ids of rows 1…V, and its
/// configuration, loss, best epoch and validation scores in the metadata.
public enum NextMovieTensors {
    public static let prefix = "sequence."
    public static let movieIDs = "sequence.movie_ids"      // I64 (V): raw id of row i + 1
    public static let configuration = "sequence.config"    // JSON of NextMovieConfig
    public static let loss = "sequence.loss"               // full | sampled-K
}

extension ModelFile {
    /// Stores (or replaces) the next-movie transformer with how it validated.
    public mutating func setNextMovie(_ model: NextMovieModel, loss: String, summary: RankingModelSummary) throws {
        let parameters = model.parameters
        removeMetadata(prefixed: NextMovieTensors.prefix)
        for entry in model.table.entries {
            try container.setFloats(NextMovieTensors.prefix + entry.name,
                                    Array(parameters[entry.offset..<(entry.offset + entry.count)]), shape: entry.shape)
        }
        try container.setInt64s(NextMovieTensors.movieIDs, model.movies.ids, shape: [model.movies.count])
        container.metadata[NextMovieTensors.configuration] = try Self.json(model.config)
        container.metadata[NextMovieTensors.loss] = loss
        setRankingValidation(summary.validation, of: NextMovieModel.kind)
        if let epoch = summary.bestEpoch { container.metadata[NextMovieTensors.prefix + "best_epoch"] = String(epoch) }
        addModel(NextMovieModel.kind)
    }

    /// The stored next-movie transformer, every tensor checked against its configuration.
    public func nextMovie() throws -> NextMovieModel {
        guard models.contains(NextMovieModel.kind) else { throw ModelFileError.missingModel(NextMovieModel.kind) }
        let config = try decoded(NextMovieConfig.self, key: NextMovieTensors.configuration) { try $0.validate() }
        let movieIDs = try ids(NextMovieTensors.movieIDs)
        guard movieIDs.count == config.movieCount else {
            throw ModelFileError.inconsistentShape(tensor: NextMovieTensors.movieIDs, expected: [config.movieCount],
                                                   actual: [movieIDs.count])
        }
        let table = NextMovieLayout(config).table
        var parameters = [Float](repeating: 0, count: table.totalCount)
        for entry in table.entries {
            let values = try floats(NextMovieTensors.prefix + entry.name, shape: entry.shape)
            parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
        }
        do {
            return try NextMovieModel(config: config, parameters: parameters, movies: IDIndex(movieIDs))
        } catch {
            throw ModelFileError.invalidMetadata(key: NextMovieTensors.configuration, value: error.description)
        }
    }

    /// How the stored next-movie transformer validated; nil when the file holds none.
    public func nextMovieSummary() -> RankingModelSummary? {
        guard models.contains(NextMovieModel.kind) else { return nil }
        let epoch = container.metadata[NextMovieTensors.prefix + "best_epoch"].flatMap { Int($0) }
        return RankingModelSummary(validation: rankingValidation(of: NextMovieModel.kind), bestEpoch: epoch)
    }
}
