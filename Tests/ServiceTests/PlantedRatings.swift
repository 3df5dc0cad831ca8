import Linalg
import Ratings

/// Ratings drawn from planted low-rank taste: rating ≈ 3.5 + b_i + 0.8 · u·v + noise,
/// rounded to half stars in 1…5, each user rating each movie with probability `density`,
/// timestamps in a random order per user. Known structure that fold-in should recover.
enum PlantedRatings {
    static func make(users: Int, movies: Int, factors: Int = 2, density: Double = 0.6,
                     seed: UInt64 = 7) -> [Rating] {
        var generator = SeededGenerator(seed: seed)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        let userVectors = (0..<users).map { _ in (0..<factors).map { _ in gaussian() } }
        let movieVectors = (0..<movies).map { _ in (0..<factors).map { _ in gaussian() } }
        let movieBias = (0..<movies).map { _ in 0.6 * gaussian() }
        var ratings: [Rating] = []
        for user in 0..<users {
            var time: Int64 = 1_000
            for movie in 0..<movies where generator.nextUniform() < density {
                let taste = zip(userVectors[user], movieVectors[movie]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                let raw = 3.5 + movieBias[movie] + 0.8 * taste + 0.2 * gaussian()
                let value = min(5, max(1, (raw * 2).rounded() / 2))
                time += Int64(1 + generator.nextIndex(below: 100))
                ratings.append(Rating(user: Int64(user + 1), movie: Int64(movie + 1), value: value, timestamp: time))
            }
        }
        return ratings
    }
}
