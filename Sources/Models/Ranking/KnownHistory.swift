import Ratings

/// A user's history as a ranking model reads it: one entry per movie the model knows, with
/// the newest rating of it (ties: the higher value), in ascending movie index, the order
/// training reads a user's ratings in (`ImplicitFeedback`), so that a history gives the
/// same bits at serving time as in training.
enum KnownHistory {
    struct Entry {
        let index: Int
        let value: Float
        /// 0 for the newest entry, 1 for the next newest, … (by time, then movie id).
        let recency: Int
    }

    static func entries(_ history: [Rating], in movies: IDIndex) -> [Entry] {
        var newest: [Int: Rating] = [:]
        for rating in history {
            guard let index = movies.index(of: rating.movie) else { continue }
            if let kept = newest[index], (kept.timestamp, kept.value) >= (rating.timestamp, rating.value) { continue }
            newest[index] = rating
        }
        let byAge = newest.values.sorted { ($0.timestamp, $0.movie) > ($1.timestamp, $1.movie) }
        var recency: [Int64: Int] = [:]
        for (rank, rating) in byAge.enumerated() { recency[rating.movie] = rank }
        return newest.sorted { $0.key < $1.key }.map {
            Entry(index: $0.key, value: $0.value.value, recency: recency[$0.value.movie] ?? 0)
        }
    }
}
