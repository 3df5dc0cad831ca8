import ArgumentParser
import Models
import Ratings

/// How `movierec eval` cuts ratings into training and held-out parts. Every split is a pure
/// function of the ratings (in file order), the protocol and its flags.
enum EvalProtocol: String, ExpressibleByArgument, CaseIterable, Codable {
    /// Each user's N newest ratings (ties by movie id) are held out; users with at most N
    /// ratings keep all of them in training (`Split.leaveLastOut`).
    case lastN = "last-n"
    /// Each user's newest rating (ties by movie id) is held out and is the one relevant movie
    /// whatever its value: which movie will they rate next?
    case nextItem = "next-item"
    /// Row i is held out when the i-th NumPy `RandomState(seed).random_sample()` draw is at
    /// least the training fraction (`Split.random`).
    case random
    /// `Split.kFold`: rows shuffled as `RandomState(seed).permutation(n)`; fold i holds out
    /// the rows at positions i, i + k, i + 2k, … of that permutation.
    case kfold

    /// The held-out splits, each with the inner split of its training part that early
    /// stopping uses (`EvaluationOptions.Tuning.inner`): the same protocol applied again to
    /// the training part (for k-fold, a random split with fraction 1 − 1/k).
    func splits(_ ratings: [Rating], n: Int, trainFraction: Double, folds: Int,
                seed: UInt32) -> [(split: Split, tuning: Split)] {
        switch self {
        case .lastN:
            let split = Split.leaveLastOut(ratings, n: n)
            return [(split, Split.leaveLastOut(split.train, n: n))]
        case .nextItem:
            let split = Split.leaveLastOut(ratings, n: 1)
            return [(split, Split.leaveLastOut(split.train, n: 1))]
        case .random:
            let split = Split.random(ratings, trainFraction: trainFraction, seed: seed)
            return [(split, Split.random(split.train, trainFraction: trainFraction, seed: seed))]
        case .kfold:
            let fraction = 1 - 1 / Double(folds)
            return Split.kFold(ratings, folds: folds, seed: seed).map {
                ($0, Split.random($0.train, trainFraction: fraction, seed: seed))
            }
        }
    }

    /// One sentence saying exactly how the split was drawn.
    func describe(n: Int, trainFraction: Double, folds: Int, seed: UInt32) -> String {
        switch self {
        case .lastN:
            return "last-n: each user's \(n) newest rating(s) held out (ties by movie id); users with ≤ \(n) ratings train on all"
        case .nextItem:
            return "next-item: each user's newest rating held out (ties by movie id) and relevant whatever its value"
        case .random:
            return "random: row i held out when NumPy RandomState(\(seed)).random_sample()[i] ≥ \(trainFraction)"
        case .kfold:
            return "kfold: \(folds) folds; fold i holds out rows RandomState(\(seed)).permutation(n)[i::\(folds)]"
        }
    }

    /// Whether a held-out rating counts as relevant: any rating for next-item, one of at
    /// least `threshold` otherwise.
    func relevance(threshold: Float) -> @Sendable (Rating) -> Bool {
        if self == .nextItem { return { _ in true } }
        return { (rating: Rating) -> Bool in rating.value >= threshold }
    }
}
