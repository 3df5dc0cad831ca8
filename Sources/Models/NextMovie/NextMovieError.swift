/// Why the next-movie transformer cannot be built, trained or loaded.
public enum NextMovieError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidConfig(String)
    case indexOutOfRange(String)
    /// Fewer than two ratings per user everywhere: nothing follows anything.
    case emptyTrainingSet
    case parameterCount(expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .invalidConfig(reason): return "invalid next-movie transformer configuration: \(reason)"
        case let .indexOutOfRange(what): return "next-movie transformer input out of range: \(what)"
        case .emptyTrainingSet: return "no user has two ratings, so there is no next movie to learn from"
        case let .parameterCount(expected, got): return "expected \(expected) parameters, got \(got)"
        }
    }
}
