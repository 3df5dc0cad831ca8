/// Why a synthetic data set cannot be generated with the given sizes.
public enum SyntheticError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A size or a distribution parameter out of its range.
    case invalidConfiguration(String)
    /// Writing the generated files failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): return "synthetic data: \(message)"
        case let .writeFailed(path, reason): return "\(path): cannot write (\(reason))"
        }
    }
}
