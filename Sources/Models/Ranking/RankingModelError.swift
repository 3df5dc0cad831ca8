/// Failures of training or loading a ranking model (iALS, EASE).
public enum RankingModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidConfiguration(String)
    case emptyTrainingSet
    /// A rating value is NaN or infinite.
    case nonFiniteRating(user: Int64, movie: Int64)
    /// A parameter became NaN or infinite at this epoch (0: EASE's closed form).
    case diverged(epoch: Int)
    /// A linear system that regularisation should keep positive definite was not.
    case singularSystem(String)
    /// EASE's movie × movie matrices do not fit: see `EASEConfiguration.maximumMovies`.
    case catalogueTooLarge(movies: Int, maximum: Int)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): return "invalid configuration: \(message)"
        case .emptyTrainingSet: return "no ratings to train on"
        case let .nonFiniteRating(user, movie): return "rating of movie \(movie) by user \(user) is not finite"
        case let .diverged(epoch): return epoch == 0 ? "the closed form gave NaN or infinite weights" : "training diverged at epoch \(epoch)"
        case let .singularSystem(message): return "least-squares system not solvable: \(message)"
        case let .catalogueTooLarge(movies, maximum):
            return "\(movies) movies is over EASE's limit of \(maximum) (its movie × movie matrices grow with the square, its solve with the cube)"
        }
    }
}
