import Foundation

/// Writes a `SyntheticRatings` set as dataset files movierec (and MovieLens or RecBole
/// tools) read: `ratings.csv` + `movies.csv` (MovieLens latest) or `synthetic.inter` +
/// `synthetic.item` (RecBole atomic files). Rows are formatted by hand into a 1 MiB
/// buffer, so writing 25M ratings is bounded by the generator, not by formatting; each
/// file is written under a temporary name and renamed when complete.
public struct SyntheticWriter {
    public let ratings: SyntheticRatings
    public let format: DatasetFormat

    /// What was written.
    public struct Summary: Sendable {
        public var ratings = 0
        public var movies = 0
        public var files: [String] = []
        /// RMSE of the ratings around the planted noise-free scores: the accuracy floor.
        public var plantedRMSE = 0.0
        /// Share of all ratings held by the most-rated 1% of movies.
        public var topPercentShare = 0.0
    }

    /// Only `movieLensLatest` and `recBole` are written.
    public init(_ ratings: SyntheticRatings, format: DatasetFormat) throws {
        guard format == .movieLensLatest || format == .recBole else {
            throw SyntheticError.invalidConfiguration("cannot write \(format.rawValue); write ml-latest or recbole")
        }
        self.ratings = ratings
        self.format = format
    }

    public func write(to directory: String) throws -> Summary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let isCSV = format == .movieLensLatest
        let ratingPath = (directory as NSString).appendingPathComponent(isCSV ? "ratings.csv" : "synthetic.inter")
        let moviePath = (directory as NSString).appendingPathComponent(isCSV ? "movies.csv" : "synthetic.item")
        var summary = Summary()
        let separator: UInt8 = isCSV ? 0x2C : 0x09
        var perMovie = [Int](repeating: 0, count: ratings.configuration.movies)
        var squaredError = 0.0
        try OutputFile.writing(ratingPath) { out in
            out.append(isCSV ? "userId,movieId,rating,timestamp\n"
                             : "user_id:token\titem_id:token\trating:float\ttimestamp:float\n")
            try ratings.forEachScoredRating { rating, planted in
                out.append(rating.user)
                out.append(byte: separator)
                out.append(rating.movie)
                out.append(byte: separator)
                out.appendHalfStars(rating.value)
                out.append(byte: separator)
                out.append(rating.timestamp)
                out.append(byte: 0x0A)
                try out.flushIfFull()
                perMovie[Int(rating.movie - 1)] += 1
                let error = Double(rating.value - planted)
                squaredError += error * error
                summary.ratings += 1
            }
        }
        try OutputFile.writing(moviePath) { out in
            out.append(isCSV ? "movieId,title,genres\n" : "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n")
            for movie in ratings.movies() {
                out.append(movie.id)
                if isCSV {
                    out.append(",\(movie.title),\(movie.genres.isEmpty ? "(no genres listed)" : movie.genres.joined(separator: "|"))\n")
                } else {
                    out.append("\t\(movie.title)\t\(movie.year.map(String.init) ?? "")\t\(movie.genres.joined(separator: " "))\n")
                }
                try out.flushIfFull()
                summary.movies += 1
            }
        }
        summary.files = [ratingPath, moviePath]
        summary.plantedRMSE = (squaredError / Double(max(summary.ratings, 1))).squareRoot()
        let top = max(1, perMovie.count / 100)
        summary.topPercentShare = Double(perMovie.sorted(by: >).prefix(top).reduce(0, +)) / Double(max(summary.ratings, 1))
        return summary
    }
}
