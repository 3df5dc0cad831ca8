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

    /// One id lookup per rating and one sort: this runs on every request of a ranker.
    static func entries(_ history: [Rating], in movies: IDIndex) -> [Entry] {
        var known: [(index: Int, rating: Rating)] = []
        known.reserveCapacity(history.count)
        for rating in history {
            if let index = movies.index(of: rating.movie) { known.append((index, rating)) }
        }
        // By movie, then age: the last of each movie's run is its newest rating.
        known.sort { ($0.index, $0.rating.timestamp, $0.rating.value) < ($1.index, $1.rating.timestamp, $1.rating.value) }
        var newest: [(index: Int, rating: Rating)] = []
        newest.reserveCapacity(known.count)
        for (position, entry) in known.enumerated() where position + 1 == known.count || known[position + 1].index != entry.index {
            newest.append(entry)
        }
        var recency = [Int](repeating: 0, count: newest.count)
        let byAge = newest.indices.sorted {
            (newest[$0].rating.timestamp, newest[$0].rating.movie) > (newest[$1].rating.timestamp, newest[$1].rating.movie)
        }
        for (rank, position) in byAge.enumerated() { recency[position] = rank }
        return newest.indices.map { Entry(index: newest[$0].index, value: newest[$0].rating.value, recency: recency[$0]) }
    }
}
