import Ratings

/// Which ratings training holds out to validate on, shared by `movierec train` and the
/// server's retraining so both split the same way.
public enum TrainingHoldout: Equatable, Sendable {
    /// Each user's `n` newest ratings.
    case last(Int)
    /// A random share, NumPy RandomState-compatible for a given seed.
    case random(trainFraction: Double, seed: UInt32)
    /// Train on everything (no validation scores, no early stopping).
    case none

    /// Parses `last-N`, `random` (with the given fraction and seed) or `none`.
    public init?(_ text: String, trainFraction: Double = 0.8, seed: UInt32 = 42) {
        switch text {
        case "none": self = .none
        case "random": self = .random(trainFraction: trainFraction, seed: seed)
        default:
            guard text.hasPrefix("last-"), let n = Int(text.dropFirst(5)), n >= 1 else { return nil }
            self = .last(n)
        }
    }

    /// The name stored in the model file's summary: `last-1`, `random-0.8-seed-42`, `none`.
    public var name: String {
        switch self {
        case let .last(n): return "last-\(n)"
        case let .random(fraction, seed): return "random-\(fraction)-seed-\(seed)"
        case .none: return "none"
        }
    }

    /// What a validation rating must reach to count as relevant when ranking models are
    /// compared: a random holdout asks which good movies (≥ 4 stars) a user will find, the
    /// rating `movierec eval`'s random protocol counts; a user's newest ratings ask which
    /// movies come next, whatever their value.
    public var minimumRelevantRating: Float? {
        switch self {
        case .random: return 4
        case .last, .none: return nil
        }
    }

    public func split(_ ratings: [Rating]) -> Split {
        switch self {
        case let .last(n): return Split.leaveLastOut(ratings, n: n)
        case let .random(fraction, seed): return Split.random(ratings, trainFraction: fraction, seed: seed)
        case .none: return Split(train: ratings, validation: [])
        }
    }
}
