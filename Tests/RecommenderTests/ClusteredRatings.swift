import Linalg
import Ratings

/// Two taste clusters: users 1…30 rate mostly movies 1…12 (high) and a few of 13…24 (low),
/// users 31…60 the other way round, each pair drawn with a fixed probability. Any model that
/// learned who rates what ranks a user's own cluster first.
enum ClusteredRatings {
    static let users: ClosedRange<Int64> = 1...60
    static let movies: ClosedRange<Int64> = 1...24

    static func cluster(ofUser user: Int64) -> Int { user <= 30 ? 0 : 1 }
    static func cluster(ofMovie movie: Int64) -> Int { movie <= 12 ? 0 : 1 }

    static func make(seed: UInt64 = 11) -> [Rating] {
        var generator = SeededGenerator(seed: seed)
        var ratings: [Rating] = []
        for user in users {
            var time: Int64 = 1_000
            for movie in movies {
                let own = cluster(ofUser: user) == cluster(ofMovie: movie)
                guard generator.nextUniform() < (own ? 0.6 : 0.1) else { continue }
                time += Int64(1 + generator.nextIndex(below: 50))
                let value: Float = own ? (generator.nextUniform() < 0.5 ? 5 : 4) : 2
                ratings.append(Rating(user: user, movie: movie, value: value, timestamp: time))
            }
        }
        return ratings
    }

    /// Per-movie rating counts, for the most-rated model.
    static func counts(_ ratings: [Rating]) -> [Int64: Int] {
        ratings.reduce(into: [:]) { $0[$1.movie, default: 0] += 1 }
    }
}
