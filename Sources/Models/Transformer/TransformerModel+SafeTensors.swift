import Foundation
import Ratings

/// The transformer's place in the model file: every parameter as an F32 tensor under its
/// PyTorch state_dict name (so `BstTransformer.load_state_dict` takes them as they are),
/// the index → raw-id maps as I64 tensors, and the configuration and occupation names as
/// JSON strings in the metadata.
extension TransformerModel {
    /// The model kind listed in a movierec model file's metadata.
    public static let kind = "transformer"
    public static let movieIDsTensor = "transformer.movie_ids"
    public static let userIDsTensor = "transformer.user_ids"
    public static let configKey = "transformer.config"
    public static let occupationsKey = "transformer.occupations"

    /// Adds this model's tensors and metadata to `file` (which may already hold other models).
    public func write(into file: inout SafeTensors) throws {
        for entry in table.entries {
            try file.setFloats(entry.name, Array(parameters[entry.offset..<(entry.offset + entry.count)]), shape: entry.shape)
        }
        try file.setInt64s(Self.movieIDsTensor, vocabulary.movies.ids, shape: [vocabulary.movies.count])
        try file.setInt64s(Self.userIDsTensor, vocabulary.users.ids, shape: [vocabulary.users.count])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        file.metadata[Self.configKey] = String(decoding: try encoder.encode(config), as: UTF8.self)
        if let features = vocabulary.features {
            file.metadata[Self.occupationsKey] = String(decoding: try encoder.encode(features.occupations), as: UTF8.self)
        }
    }

    /// Rebuilds the model from a file written by `write(into:)`, checking every shape.
    public init(from file: SafeTensors) throws {
        guard let json = file.metadata[Self.configKey] else { throw TransformerError.invalidMetadata("no \(Self.configKey)") }
        let config: TransformerConfig
        do {
            config = try JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
        } catch {
            throw TransformerError.invalidMetadata("\(Self.configKey) is not a transformer configuration: \(error)")
        }
        try config.validate()
        let table = TransformerLayout(config).table
        var parameters = [Float](repeating: 0, count: table.totalCount)
        for entry in table.entries {
            let found = try? file.shape(entry.name)
            guard found == entry.shape else {
                throw TransformerError.tensorMismatch(name: entry.name, expected: entry.shape, found: found)
            }
            let values = try file.floats(entry.name)
            parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
        }
        var features: UserFeatureEncoder?
        if config.useUserFeatures {
            guard let names = file.metadata[Self.occupationsKey],
                  let occupations = try? JSONDecoder().decode([String].self, from: Data(names.utf8)) else {
                throw TransformerError.invalidMetadata("no readable \(Self.occupationsKey)")
            }
            features = try UserFeatureEncoder(occupations: occupations)
        }
        let vocabulary = TransformerVocabulary(
            movies: IDIndex(try file.int64s(Self.movieIDsTensor)), users: IDIndex(try file.int64s(Self.userIDsTensor)),
            features: features)
        try self.init(config: config, parameters: parameters, vocabulary: vocabulary)
    }
}
