/// Why a transformer cannot be built, trained, loaded or asked.
public enum TransformerError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidConfig(String)
    /// A tensor the model needs is absent or has the wrong shape.
    case tensorMismatch(name: String, expected: [Int], found: [Int]?)
    case invalidMetadata(String)
    /// An index outside the model's tables (movie, user, feature or rating).
    case indexOutOfRange(String)
    case emptyTrainingSet

    public var description: String {
        switch self {
        case let .invalidConfig(reason): return "invalid transformer configuration: \(reason)"
        case let .tensorMismatch(name, expected, found):
            return "transformer tensor \(name): expected shape \(expected), found \(found.map { "\($0)" } ?? "none")"
        case let .invalidMetadata(reason): return "transformer metadata: \(reason)"
        case let .indexOutOfRange(what): return "transformer index out of range: \(what)"
        case .emptyTrainingSet: return "the transformer needs at least two training sequences"
        }
    }
}
