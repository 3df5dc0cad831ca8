import Foundation
import Testing
@testable import Ratings

@Suite struct SyntheticRatingsTests {
    static let small = SyntheticConfiguration(ratings: 40_000, users: 600, movies: 2_000, seed: 7)

    static func generate(_ configuration: SyntheticConfiguration) throws -> [Rating] {
        var ratings: [Rating] = []
        try SyntheticRatings(configuration).forEachRating { ratings.append($0) }
        return ratings
    }

    @Test func sameSeedGivesTheSameRatingsAndAnotherSeedDoesNot() throws {
        let first = try Self.generate(Self.small)
        #expect(first == (try Self.generate(Self.small)))
        var other = Self.small
        other.seed = 8
        #expect(first != (try Self.generate(other)))
    }

    @Test func countsIdsValuesAndTimesAreInRange() throws {
        let configuration = Self.small
        let ratings = try Self.generate(configuration)
        #expect(ratings.count == configuration.ratings)
        var perUser: [Int64: [Rating]] = [:]
        for rating in ratings {
            #expect(rating.user >= 1 && rating.user <= Int64(configuration.users))
            #expect(rating.movie >= 1 && rating.movie <= Int64(configuration.movies))
            #expect(RatingScale.contains(rating.value), "\(rating.value) is not a half star in 0.5…5")
            #expect(rating.timestamp >= configuration.firstTimestamp && rating.timestamp <= configuration.lastTimestamp + Int64(configuration.movies))
            perUser[rating.user, default: []].append(rating)
        }
        #expect(perUser.count == configuration.users)
        for (user, own) in perUser {
            #expect(own.count >= configuration.effectiveMinimumPerUser, "user \(user) has \(own.count) ratings")
            #expect(Set(own.map(\.movie)).count == own.count, "user \(user) rates a movie twice")
            #expect(zip(own, own.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp }, "user \(user)'s times do not increase")
        }
        #expect(Set(ratings.map(\.value)).count >= 8, "ratings use few of the half stars")
    }

    @Test func popularityAndActivityAreSkewed() throws {
        let configuration = Self.small
        let ratings = try Self.generate(configuration)
        var perMovie = [Int64: Int](), perUser = [Int64: Int]()
        for rating in ratings {
            perMovie[rating.movie, default: 0] += 1
            perUser[rating.user, default: 0] += 1
        }
        let movieCounts = perMovie.values.sorted(by: >)
        let topShare = Double(movieCounts.prefix(configuration.movies / 100).reduce(0, +)) / Double(ratings.count)
        #expect(topShare > 0.2, "top 1% of movies hold only \(topShare) of the ratings")
        let userCounts = perUser.values.sorted(by: >)
        let median = userCounts[userCounts.count / 2]
        #expect(userCounts[0] > 5 * median, "busiest user \(userCounts[0]) against a median of \(median)")
    }

    @Test func busyUsersNeverExceedTheCatalogue() throws {
        var configuration = SyntheticConfiguration(ratings: 30_000, users: 50, movies: 1_000, seed: 3)
        configuration.activityExponent = 2
        let counts = try SyntheticRatings(configuration).counts
        #expect(counts.reduce(0, +) == 30_000)
        #expect(counts.max() == 1_000)
        #expect(counts.allSatisfy { $0 >= configuration.effectiveMinimumPerUser })
        let ratings = try Self.generate(configuration)
        let busiest = ratings.filter { $0.user == Int64((counts.firstIndex(of: 1_000) ?? 0) + 1) }
        #expect(Set(busiest.map(\.movie)).count == 1_000)
    }

    @Test func minimumDropsToHalfTheMeanForSparseSets() {
        #expect(SyntheticConfiguration(ratings: 1_000_000, users: 160_000, movies: 60_000).effectiveMinimumPerUser == 3)
        #expect(SyntheticConfiguration(ratings: 25_000_000, users: 160_000, movies: 60_000).effectiveMinimumPerUser == 20)
    }

    @Test func impossibleSizesAreRejected() {
        #expect(throws: SyntheticError.self) { try SyntheticRatings(SyntheticConfiguration(ratings: 10, users: 20, movies: 5)) }
        #expect(throws: SyntheticError.self) { try SyntheticRatings(SyntheticConfiguration(ratings: 101, users: 10, movies: 10)) }
        var negative = Self.small
        negative.noiseDeviation = -1
        #expect(throws: SyntheticError.self) { try SyntheticRatings(negative) }
    }

    @Test func plantedScoresExplainTheRatingsUpToTheNoise() throws {
        let generator = try SyntheticRatings(Self.small)
        var squared = 0.0, count = 0
        generator.forEachRating { rating in
            guard let planted = generator.plantedScore(user: rating.user, movie: rating.movie) else { return }
            let error = Double(rating.value - planted)
            squared += error * error
            count += 1
        }
        let rmse = (squared / Double(count)).squareRoot()
        // σ_ε = 0.5 plus half-star rounding (0.144) and some clamping at the ends.
        #expect(rmse > 0.45 && rmse < 0.6, "planted RMSE \(rmse)")
        #expect(generator.plantedScore(user: 0, movie: 1) == nil)
    }

    @Test(arguments: [DatasetFormat.movieLensLatest, .recBole])
    func writtenFilesReadBackAsTheGeneratedSet(format: DatasetFormat) throws {
        let directory = try TempDirectory()
        let generator = try SyntheticRatings(SyntheticConfiguration(ratings: 3_000, users: 100, movies: 300, seed: 5))
        let summary = try SyntheticWriter(generator, format: format).write(to: directory.path)
        let dataset = try loadDataset(at: directory.path)
        #expect(dataset.format == format)
        var expected: [Rating] = []
        generator.forEachRating { expected.append($0) }
        #expect(dataset.ratings == expected)
        #expect(dataset.movies == generator.movies())
        #expect(summary.ratings == 3_000 && summary.movies == 300)
        #expect(summary.topPercentShare > 0 && summary.topPercentShare <= 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func otherFormatsAreRefused() throws {
        let generator = try SyntheticRatings(SyntheticConfiguration(ratings: 100, users: 10, movies: 20))
        #expect(throws: SyntheticError.self) { try SyntheticWriter(generator, format: .netflix) }
    }
}
