/// MovieLens latest / small / 25M / 32M: `ratings.csv` (header
/// `userId,movieId,rating,timestamp`) and `movies.csv` (`movieId,title,genres`, titles
/// quoted when they contain commas), UTF-8.
///
/// Titles are kept as written, with the year also parsed from the trailing "(1995)";
/// "(no genres listed)" becomes an empty genre list.
struct MovieLensLatestReader: DatasetReader {
    let format = DatasetFormat.movieLensLatest
    let ratingFiles: [String]
    private let movieFile: String?

    init(layout: DatasetLayout) throws {
        ratingFiles = [try layout.namedFile ?? layout.required("ratings.csv")]
        movieFile = layout.optional("movies.csv")
    }

    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws {
        var fields = Fields()
        var sawHeader = false
        try RatingScan(files: ratingFiles).run(progress: progress, parse: { line, file in
            fields.split(line, on: 0x2C)
            guard sawHeader else {
                sawHeader = true
                let names = (0..<fields.count).map { line.text(fields[$0]) }
                guard names == ["userId", "movieId", "rating", "timestamp"] else {
                    throw DatasetError.malformed(file: file, line: line.number,
                                                 message: "header \"\(line.text)\" is not userId,movieId,rating,timestamp")
                }
                return nil
            }
            return try RatingFields.userMovieRatingTime(fields, line, file: file)
        }, body)
    }

    func movies() throws -> [Movie] {
        guard let movieFile else { return [] }
        var movies: [Movie] = []
        var sawHeader = false
        try LineReader(path: movieFile).forEachLine { line in
            let fields = try CSVLine.fields(line, file: movieFile)
            guard sawHeader else {
                sawHeader = true
                guard fields == ["movieId", "title", "genres"] else {
                    throw DatasetError.malformed(file: movieFile, line: line.number,
                                                 message: "header \"\(line.text)\" is not movieId,title,genres")
                }
                return
            }
            guard fields.count == 3 else {
                throw DatasetError.malformed(file: movieFile, line: line.number, message: "expected 3 fields, found \(fields.count)")
            }
            guard let id = Int64(fields[0]) else {
                throw DatasetError.malformed(file: movieFile, line: line.number, message: "movie id \"\(fields[0])\" is not an integer")
            }
            let genres = fields[2] == "(no genres listed)" ? [] : fields[2].split(separator: "|").map(String.init)
            movies.append(Movie(id: id, title: fields[1], year: TextDecoding.trailingYear(in: fields[1]), genres: genres))
        }
        return movies
    }

    func users() throws -> [UserProfile] { [] }
}
