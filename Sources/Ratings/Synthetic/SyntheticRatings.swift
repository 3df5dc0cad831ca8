import Foundation
import Linalg

/// A MovieLens-like rating set drawn from a planted model (see `SyntheticConfiguration`),
/// streamed user by user so that 25M ratings never sit in memory: what is kept is per
/// movie (factors, bias, popularity table) and per user (one rating count), never per
/// rating.
///
/// Users have ids 1…users and movies 1…movies; who is busy and what is popular are seeded
/// permutations, so neither follows the id order. Each user's movies are distinct, drawn
/// by popularity without replacement, and their timestamps strictly increase in the order
/// the ratings are emitted. Everything is a function of the configuration: the same seed
/// gives the same ratings in the same order.
public struct SyntheticRatings: Sendable {
    public let configuration: SyntheticConfiguration
    /// Ratings per user, indexed by user id − 1; sums to `configuration.ratings`.
    public let counts: [Int]
    private let movieFactors: [Float]
    private let movieBias: [Float]
    private let popularity: AliasTable
    /// Relative popularity weight of each movie (index = id − 1).
    private let popularityWeights: [Double]

    /// Streams of `SeededGenerator` by purpose; users take streams from `firstUserStream` on.
    private enum Stream: UInt64 {
        case movies = 1, activity = 2, popularity = 3, catalogue = 4
        static let firstUserStream: UInt64 = 16
    }

    public init(_ configuration: SyntheticConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        let k = configuration.factors
        var random = SeededGenerator(seed: configuration.seed, stream: Stream.movies.rawValue)
        movieFactors = (0..<(configuration.movies * k)).map { _ in
            Float(random.nextGaussian() * configuration.factorDeviation)
        }
        movieBias = (0..<configuration.movies).map { _ in Float(random.nextGaussian() * configuration.movieBiasDeviation) }

        var ranks = Array(0..<configuration.movies)
        var order = SeededGenerator(seed: configuration.seed, stream: Stream.popularity.rawValue)
        order.shuffle(&ranks)
        popularityWeights = ranks.map { pow(Double($0 + 1), -configuration.popularityExponent) }
        popularity = AliasTable(weights: popularityWeights)

        var userRanks = Array(0..<configuration.users)
        var activity = SeededGenerator(seed: configuration.seed, stream: Stream.activity.rawValue)
        activity.shuffle(&userRanks)
        counts = ActivityAllocation.counts(total: configuration.ratings, ranks: userRanks,
                                           minimum: configuration.effectiveMinimumPerUser,
                                           capacity: configuration.movies, exponent: configuration.activityExponent)
    }

    /// Calls `body` with every rating: users in id order, each user's ratings in time order.
    public func forEachRating(_ body: (Rating) throws -> Void) rethrows {
        try forEachScoredRating { rating, _ in try body(rating) }
    }

    /// `forEachRating` with each rating's planted noise-free score.
    func forEachScoredRating(_ body: (Rating, Float) throws -> Void) rethrows {
        var taken = [UInt32](repeating: 0, count: configuration.movies)
        var user = PlantedUser(factors: [Float](repeating: 0, count: configuration.factors), bias: 0)
        var movies: [Int] = []
        var times: [Int64] = []
        for index in 0..<configuration.users {
            var random = SeededGenerator(seed: configuration.seed, stream: Stream.firstUserStream + UInt64(index))
            drawUser(&user, &random)
            drawMovies(counts[index], stamp: UInt32(index + 1), taken: &taken, into: &movies, &random)
            random.shuffle(&movies)
            drawTimes(movies.count, into: &times, &random)
            for (movie, time) in zip(movies, times) {
                let planted = score(user, movie)
                let value = Self.halfStars(Double(planted) + random.nextGaussian() * configuration.noiseDeviation)
                try body(Rating(user: Int64(index + 1), movie: Int64(movie + 1), value: value, timestamp: time), planted)
            }
        }
    }

    /// The planted model's noise-free score for a user and movie (raw ids), before noise,
    /// rounding and clamping: what a perfect learner would predict.
    public func plantedScore(user: Int64, movie: Int64) -> Float? {
        guard user >= 1, user <= Int64(configuration.users), movie >= 1, movie <= Int64(configuration.movies) else {
            return nil
        }
        var random = SeededGenerator(seed: configuration.seed, stream: Stream.firstUserStream + UInt64(user - 1))
        var planted = PlantedUser(factors: [Float](repeating: 0, count: configuration.factors), bias: 0)
        drawUser(&planted, &random)
        return score(planted, Int(movie - 1))
    }

    /// One catalogue entry per movie: "Synthetic movie N (YEAR)" with one to three genres.
    public func movies() -> [Movie] {
        let genres = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
                      "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
                      "War", "Western"]
        var random = SeededGenerator(seed: configuration.seed, stream: Stream.catalogue.rawValue)
        return (1...configuration.movies).map { id in
            let year = 1920 + random.nextIndex(below: 103)
            var chosen = Set<Int>()
            for _ in 0..<(1 + random.nextIndex(below: 3)) { chosen.insert(random.nextIndex(below: genres.count)) }
            return Movie(id: Int64(id), title: "Synthetic movie \(id) (\(year))", year: year,
                         genres: chosen.sorted().map { genres[$0] })
        }
    }

    /// Rounds to the nearest half star and clamps to 0.5…5.
    static func halfStars(_ value: Double) -> Float {
        Float(min(5, max(0.5, (value * 2).rounded() / 2)))
    }

    private struct PlantedUser {
        var factors: [Float]
        var bias: Float
    }

    private func drawUser(_ user: inout PlantedUser, _ random: inout SeededGenerator) {
        for f in 0..<configuration.factors {
            user.factors[f] = Float(random.nextGaussian() * configuration.factorDeviation)
        }
        user.bias = Float(random.nextGaussian() * configuration.userBiasDeviation)
    }

    private func score(_ user: PlantedUser, _ movie: Int) -> Float {
        let k = configuration.factors
        var dot: Float = 0
        for f in 0..<k { dot += user.factors[f] * movieFactors[movie * k + f] }
        return Float(configuration.globalMean) + user.bias + movieBias[movie] + dot
    }

    /// `count` distinct movies drawn by popularity without replacement (successive
    /// sampling). Few draws: alias draws, redrawing movies already taken (marked with this
    /// user's `stamp`). Many draws (over an eighth of the catalogue, where redraws would
    /// dominate): the same distribution through Efraimidis–Spirakis keys u^(1/w), the
    /// `count` largest keys over all movies.
    private func drawMovies(_ count: Int, stamp: UInt32, taken: inout [UInt32], into movies: inout [Int],
                            _ random: inout SeededGenerator) {
        movies.removeAll(keepingCapacity: true)
        if count * 8 <= configuration.movies {
            while movies.count < count {
                let movie = popularity.draw(&random)
                if taken[movie] != stamp {
                    taken[movie] = stamp
                    movies.append(movie)
                }
            }
            return
        }
        let keys = (0..<configuration.movies).map { movie in
            log(1 - random.nextUniform()) / popularityWeights[movie]
        }
        movies.append(contentsOf: keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }.prefix(count))
    }

    /// `count` strictly increasing timestamps: the user is active over a window that starts
    /// uniformly in the span and lasts up to the span's end.
    private func drawTimes(_ count: Int, into times: inout [Int64], _ random: inout SeededGenerator) {
        let first = configuration.firstTimestamp, last = configuration.lastTimestamp
        let span = Double(last - first)
        let start = first + Int64(random.nextUniform() * span * 0.9)
        let window = Double(last - start) * random.nextUniform()
        times.removeAll(keepingCapacity: true)
        for _ in 0..<count { times.append(start + Int64(random.nextUniform() * window)) }
        times.sort()
        for j in times.indices.dropFirst() where times[j] <= times[j - 1] { times[j] = times[j - 1] + 1 }
    }
}
