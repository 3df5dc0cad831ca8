/// Failures of training or using a matrix-factorization model.
public enum MatrixFactorizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidConfiguration(String)
    case emptyTrainingSet
    /// A rating value is NaN or infinite.
    case nonFiniteRating(user: Int64, movie: Int64)
    /// Training diverged (a parameter became NaN or infinite) at this epoch.
    case diverged(epoch: Int)
    /// A least-squares system could not be solved.
    case singularSystem(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): return "invalid configuration: \(message)"
        case .emptyTrainingSet: return "no ratings to train on"
        case let .nonFiniteRating(user, movie): return "rating of movie \(movie) by user \(user) is not finite"
        case let .diverged(epoch): return "training diverged at epoch \(epoch); lower the learning rate"
        case let .singularSystem(message): return "least-squares system not solvable: \(message)"
        }
    }
}
