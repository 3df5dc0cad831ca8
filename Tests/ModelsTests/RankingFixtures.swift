import Linalg
import Ratings
@testable import Models

/// Users in clusters, each rating a random share of its own cluster's movies and nothing
/// else: the planted structure a ranking model must find. A model that learned it ranks a
/// user's unrated in-cluster movies above every other movie.
struct ClusteredRatings {
    let ratings: [Rating]
    let clusters: Int
    let usersPerCluster: Int
    let moviesPerCluster: Int

    init(clusters: Int = 4, usersPerCluster: Int = 30, moviesPerCluster: Int = 25, density: Double = 0.4, seed: UInt64 = 3) {
        var generator = SeededGenerator(seed: seed)
        var ratings: [Rating] = []
        for cluster in 0..<clusters {
            for u in 0..<usersPerCluster {
                let user = Int64(1000 + cluster * usersPerCluster + u)
                for m in 0..<moviesPerCluster where generator.nextUniform() < density {
                    let value = Float(1 + generator.nextIndex(below: 5))
                    ratings.append(Rating(user: user, movie: Self.movie(cluster: cluster, index: m), value: value,
                                          timestamp: Int64(generator.nextIndex(below: 1_000_000))))
                }
            }
        }
        self.ratings = ratings
        self.clusters = clusters
        self.usersPerCluster = usersPerCluster
        self.moviesPerCluster = moviesPerCluster
    }

    static func movie(cluster: Int, index: Int) -> Int64 { Int64(100 * (cluster + 1) + index) }

    func cluster(ofUser user: Int64) -> Int { Int(user - 1000) / usersPerCluster }
    func cluster(ofMovie movie: Int64) -> Int { Int(movie / 100) - 1 }

    /// The share of held-out (user, movie) pairs whose movie scores above every movie of
    /// the other clusters, given the user's training history. A model that found the
    /// clusters puts all of them there; one that did not (most rated) about a quarter.
    func heldOutRankedFirst(training: [Rating], heldOut: [Rating], movies: IDIndex,
                            score: ([Rating]) throws -> [Float]) rethrows -> Double {
        let histories = Dictionary(grouping: training, by: \.user)
        var first = 0
        for (user, held) in Dictionary(grouping: heldOut, by: \.user) {
            let scores = try score(histories[user] ?? [])
            let outside = movies.ids.indices.filter { cluster(ofMovie: movies.id(at: $0)) != cluster(ofUser: user) }
            let ceiling = outside.map { scores[$0] }.max() ?? -.infinity
            first += held.filter { movies.index(of: $0.movie).map { scores[$0] > ceiling } ?? false }.count
        }
        return Double(first) / Double(heldOut.count)
    }
}
