import ArgumentParser
import Foundation
import Ratings

/// `movierec generate`: writes a synthetic MovieLens-like data set for scale benchmarks
/// and accuracy checks (see `SyntheticConfiguration` for the planted model).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic rating set with MovieLens-like skew and a planted low-rank model.",
        discussion: """
            Movie popularity is Zipf-like, user activity a power law above a per-user minimum \
            (20, or half the mean when the set is smaller), and each rating is the planted \
            model's score plus Gaussian noise, rounded to half stars in 0.5…5. Each user's \
            timestamps increase in file order. The same seed and sizes give the same files. \
            The run prints the planted RMSE (the noise floor no model can beat) and the share \
            of ratings held by the top 1% of movies. Memory stays bounded by the catalogue and \
            the user count, whatever --ratings is.
            """)

    @Option(help: "Number of ratings.")
    var ratings: Int

    @Option(help: "Number of users (ids 1…N).")
    var users = 160_000

    @Option(help: "Number of movies (ids 1…N).")
    var movies = 60_000

    @Option(help: "Seed: the same seed writes the same files.")
    var seed: UInt64 = 1

    @Option(help: "Rank of the planted factors.")
    var factors = 8

    @Option(help: "Standard deviation of the rating noise (before rounding).")
    var noise = 0.5

    @Option(help: "Minimum ratings per user (lowered to half the mean when the set is too small).")
    var minPerUser = 20

    @Option(help: "Files to write: ml-latest (ratings.csv, movies.csv; alias movielens-latest) or recbole (synthetic.inter, synthetic.item).")
    var format = "ml-latest"

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    func validate() throws {
        _ = try parsedFormat()
        do {
            try synthetic().validate()
        } catch let error as SyntheticError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        do {
            let started = Date()
            let writer = try SyntheticWriter(try SyntheticRatings(synthetic()), format: try parsedFormat())
            let summary = try writer.write(to: out)
            let seconds = Date().timeIntervalSince(started)
            print("wrote \(summary.ratings) ratings of \(users) users on \(summary.movies) movies to "
                  + summary.files.joined(separator: ", ") + " in \(String(format: "%.1f", seconds)) s; "
                  + "planted RMSE \(String(format: "%.4f", summary.plantedRMSE)), "
                  + "top 1% of movies hold \(String(format: "%.1f", summary.topPercentShare * 100))% of ratings")
        } catch let error as SyntheticError {
            throw CommandFailure(message: error.description)
        }
    }

    private func synthetic() -> SyntheticConfiguration {
        var configuration = SyntheticConfiguration(ratings: ratings, users: users, movies: movies, seed: seed)
        configuration.factors = factors
        configuration.noiseDeviation = noise
        configuration.minimumPerUser = minPerUser
        return configuration
    }

    private func parsedFormat() throws -> DatasetFormat {
        switch format {
        case "ml-latest", "movielens-latest": return .movieLensLatest
        case "recbole": return .recBole
        default: throw ValidationError("--format takes ml-latest (movielens-latest) or recbole, got \"\(format)\"")
        }
    }
}
