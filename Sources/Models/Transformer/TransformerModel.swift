import Ratings

/// A trained transformer: its configuration, its parameters laid out by the parameter
/// table (PyTorch state_dict names) and the id vocabulary. What the trainer returns, what
/// the model file stores, and what `TransformerPredictor` serves from.
public struct TransformerModel: Sendable {
    public let config: TransformerConfig
    public let table: ParameterTable
    /// Flat Float parameters, `table.totalCount` values.
    public let parameters: [Float]
    public let vocabulary: TransformerVocabulary

    public init(config: TransformerConfig, parameters: [Float], vocabulary: TransformerVocabulary) throws(TransformerError) {
        try config.validate()
        let table = TransformerLayout(config).table
        guard parameters.count == table.totalCount else {
            throw .invalidConfig("\(parameters.count) parameters for a table of \(table.totalCount)")
        }
        guard vocabulary.movies.count == config.movieCount, vocabulary.users.count == config.userCount else {
            throw .invalidMetadata("vocabulary has \(vocabulary.movies.count) movies and \(vocabulary.users.count) users, config \(config.movieCount) and \(config.userCount)")
        }
        guard (vocabulary.features != nil) == config.useUserFeatures else {
            throw .invalidMetadata("user-feature vocabulary present: \(vocabulary.features != nil), config says \(config.useUserFeatures)")
        }
        self.config = config
        self.table = table
        self.parameters = parameters
        self.vocabulary = vocabulary
    }

    /// The values of one named tensor.
    public func tensor(_ name: String) -> ArraySlice<Float>? {
        table.entry(named: name).map { parameters[$0.offset..<($0.offset + $0.count)] }
    }
}
