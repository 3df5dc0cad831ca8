import Ratings

/// A user's history as a ranking model reads it: one entry per movie the model knows, with
/// the newest rating of it (ties: the higher value), in ascending movie index, the order
/// training reads a user's ratings in (`ImplicitFeedback`), so that a history gives the
/// same bits at serving time as in training.
enum KnownHistory {
    static func entries(_ history: [Rating], in movies: IDIndex) -> [(index: Int, value: Float)] {
        var newest: [Int: Rating] = [:]
        for rating in history {
            guard let index = movies.index(of: rating.movie) else { continue }
            if let kept = newest[index], (kept.timestamp, kept.value) >= (rating.timestamp, rating.value) { continue }
            newest[index] = rating
        }
        return newest.sorted { $0.key < $1.key }.map { (index: $0.key, value: $0.value.value) }
    }
}
