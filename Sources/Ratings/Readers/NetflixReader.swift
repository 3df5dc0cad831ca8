/// Netflix Prize: `combined_data_*.txt` (a `MovieID:` line, then `user,rating,YYYY-MM-DD`
/// lines for that movie; dates become Unix seconds at UTC midnight) and
/// `movie_titles.csv` (Latin-1 `id,year,title`, the title may contain commas, the year
/// may be `NULL`). Titles carry no year suffix; there are no user demographics.
struct NetflixReader: DatasetReader {
    let format = DatasetFormat.netflix
    let ratingFiles: [String]
    private let titleFile: String?

    init(layout: DatasetLayout) throws {
        if let named = layout.namedFile {
            ratingFiles = [named]
        } else {
            ratingFiles = layout.entries { $0.hasPrefix("combined_data_") && $0.hasSuffix(".txt") }
            guard !ratingFiles.isEmpty else { throw DatasetError.missingFile(path: layout.file("combined_data_*.txt")) }
        }
        titleFile = layout.optional("movie_titles.csv")
    }

    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws {
        var fields = Fields()
        var movie: Int64?
        var currentFile = ""
        try RatingScan(files: ratingFiles).run(progress: progress, parse: { line, file in
            if file != currentFile {
                currentFile = file
                movie = nil
            }
            if line.bytes[line.count - 1] == 0x3A {
                movie = try RatingFields.id(line, 0..<(line.count - 1), file: file, what: "movie id")
                return nil
            }
            guard let movie else {
                throw DatasetError.malformed(file: file, line: line.number, message: "rating before the first \"MovieID:\" line")
            }
            fields.split(line, on: 0x2C)
            try RatingFields.fieldCount(fields, 3, line, file: file)
            guard let seconds = CivilDate.unixSeconds(iso: line[fields[2]]) else {
                throw DatasetError.malformed(file: file, line: line.number,
                                             message: "date \"\(line.text(fields[2]))\" is not YYYY-MM-DD")
            }
            return Rating(user: try RatingFields.id(line, fields[0], file: file, what: "user id"),
                          movie: movie,
                          value: try RatingFields.rating(line, fields[1], file: file),
                          timestamp: seconds)
        }, body)
    }

    func movies() throws -> [Movie] {
        guard let titleFile else { return [] }
        var movies: [Movie] = []
        var fields = Fields()
        try LineReader(path: titleFile).forEachLine { line in
            fields.split(line, on: 0x2C, limit: 3)
            try RatingFields.fieldCount(fields, 3, line, file: titleFile)
            let id = try RatingFields.id(line, fields[0], file: titleFile, what: "movie id")
            let yearText = line.text(fields[1])
            let year: Int?
            if yearText == "NULL" {
                year = nil
            } else {
                year = Int(try RatingFields.id(line, fields[1], file: titleFile, what: "year"))
            }
            movies.append(Movie(id: id, title: TextDecoding.latin1(line[fields[2]]), year: year))
        }
        return movies
    }

    func users() throws -> [UserProfile] { [] }
}
