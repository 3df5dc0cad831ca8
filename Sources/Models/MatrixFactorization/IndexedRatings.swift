import Ratings

/// Training ratings in dense-index form, struct-of-arrays so the sweeps read them
/// sequentially. Users and movies are indexed in ascending raw-id order and ratings are
/// sorted by (user, movie, time, value), which makes the model independent of the order
/// ratings arrive in.
///
/// `newestPerPair` keeps one rating per (user, movie), the newest (ties: the higher value):
/// the ranking models read *which* movies a user rated, and a movie rated twice is one
/// choice, not two.
struct IndexedRatings {
    let users: IDIndex
    let movies: IDIndex
    let userIndex: [Int32]
    let movieIndex: [Int32]
    let values: [Float]

    var count: Int { values.count }

    init(_ input: [Rating], newestPerPair: Bool = false) throws {
        var ratings = input.sorted { a, b in
            (a.user, a.movie, a.timestamp, a.value) < (b.user, b.movie, b.timestamp, b.value)
        }
        if newestPerPair {
            // In place: a copy of 25M ratings is 800 MB.
            var kept = 0
            for position in ratings.indices {
                let next = position + 1
                if next < ratings.count, ratings[next].user == ratings[position].user,
                   ratings[next].movie == ratings[position].movie { continue }
                ratings[kept] = ratings[position]
                kept += 1
            }
            ratings.removeLast(ratings.count - kept)
        }
        guard !ratings.isEmpty else { throw MatrixFactorizationError.emptyTrainingSet }
        for rating in ratings where !rating.value.isFinite {
            throw MatrixFactorizationError.nonFiniteRating(user: rating.user, movie: rating.movie)
        }
        let users = IDIndex(Set(ratings.map(\.user)).sorted())
        let movies = IDIndex(Set(ratings.map(\.movie)).sorted())
        self.users = users
        self.movies = movies
        userIndex = ratings.map { Int32(users.index(of: $0.user) ?? 0) }
        movieIndex = ratings.map { Int32(movies.index(of: $0.movie) ?? 0) }
        values = ratings.map(\.value)
    }

    /// Rating positions grouped by user (or by movie): entries[offsets[g]..<offsets[g+1]]
    /// are the ratings of group g, in input order.
    func grouped(byUser: Bool) -> (offsets: [Int], entries: [Int32]) {
        let keys = byUser ? userIndex : movieIndex
        let groups = byUser ? users.count : movies.count
        var offsets = [Int](repeating: 0, count: groups + 1)
        for key in keys { offsets[Int(key) + 1] += 1 }
        for g in 0..<groups { offsets[g + 1] += offsets[g] }
        var cursor = offsets
        var entries = [Int32](repeating: 0, count: keys.count)
        for (position, key) in keys.enumerated() {
            entries[cursor[Int(key)]] = Int32(position)
            cursor[Int(key)] += 1
        }
        return (offsets, entries)
    }

    /// The median rating, the baseline every epoch report is compared with.
    var median: Float {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var mean: Float {
        Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
    }
}
