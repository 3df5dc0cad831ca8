import Ratings

/// Each user's training movies as dense movie indices of a model: the movies a ranking
/// must skip, and the count that puts a user in the cold-start slice.
struct TrainingHistory {
    private var movies: [Int64: [Int]] = [:]
    private var counts: [Int64: Int] = [:]
    /// Training ratings per movie, by the model's movie index.
    private(set) var movieCounts: [Float]

    init(_ training: [Rating], model: MatrixFactorizationModel) {
        movieCounts = [Float](repeating: 0, count: model.movies.count)
        for rating in training {
            counts[rating.user, default: 0] += 1
            if let index = model.movies.index(of: rating.movie) {
                movies[rating.user, default: []].append(index)
                movieCounts[index] += 1
            }
        }
    }

    /// Training ratings of `user` (0 for a user absent from training).
    func count(of user: Int64) -> Int { counts[user] ?? 0 }

    /// Dense indices of the movies `user` rated in training.
    func movieIndices(of user: Int64) -> [Int] { movies[user] ?? [] }
}
