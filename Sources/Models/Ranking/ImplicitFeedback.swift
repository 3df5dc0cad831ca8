import Ratings

/// Ratings as implicit feedback, grouped both ways: for each user the movies they rated
/// (ascending movie index) and for each movie the users who rated it (ascending user
/// index), each entry with its rating value. One rating per (user, movie), the newest.
/// Users and movies are indexed in ascending raw-id order, as `IndexedRatings` does, so a
/// model never depends on the order ratings arrive in.
struct ImplicitFeedback {
    /// The entries of one side: entries[offsets[g]..<offsets[g + 1]] belong to group g.
    struct Groups {
        let offsets: [Int]
        /// Dense index on the other side.
        let other: [Int32]
        let values: [Float]

        var count: Int { offsets.count - 1 }
        func range(_ group: Int) -> Range<Int> { offsets[group]..<offsets[group + 1] }
    }

    let users: IDIndex
    let movies: IDIndex
    let byUser: Groups
    let byMovie: Groups

    var count: Int { byUser.values.count }

    init(_ ratings: [Rating]) throws {
        let data: IndexedRatings
        do {
            data = try IndexedRatings(ratings, newestPerPair: true)
        } catch MatrixFactorizationError.nonFiniteRating(let user, let movie) {
            throw RankingModelError.nonFiniteRating(user: user, movie: movie)
        } catch MatrixFactorizationError.emptyTrainingSet {
            throw RankingModelError.emptyTrainingSet
        }
        users = data.users
        movies = data.movies
        // Sorted by (user, movie): the user side is the ratings in order.
        let userGroups = data.grouped(byUser: true)
        byUser = Groups(offsets: userGroups.offsets, other: data.movieIndex, values: data.values)
        let movieGroups = data.grouped(byUser: false)
        byMovie = Groups(offsets: movieGroups.offsets,
                         other: movieGroups.entries.map { data.userIndex[Int($0)] },
                         values: movieGroups.entries.map { data.values[Int($0)] })
    }
}
