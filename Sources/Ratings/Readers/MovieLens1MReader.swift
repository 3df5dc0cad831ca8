/// MovieLens 1M: `ratings.dat` (user::movie::rating::timestamp), `movies.dat`
/// (id::Title (Year)::Genre|Genre, Latin-1) and `users.dat`
/// (id::gender::age::occupation code::zip), all `::`-separated.
///
/// Titles are kept as written, with the year also parsed from the trailing "(1995)".
/// Ages are the dataset's bucket codes (1, 18, 25, …); occupation codes become the
/// names from the dataset's README.
struct MovieLens1MReader: DatasetReader {
    let format = DatasetFormat.movieLens1M
    let ratingFiles: [String]
    private let movieFile: String?
    private let userFile: String?

    static let occupations = [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student",
        "customer service", "doctor/health care", "executive/managerial", "farmer", "homemaker",
        "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
        "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer",
    ]

    init(layout: DatasetLayout) throws {
        ratingFiles = [try layout.namedFile ?? layout.required("ratings.dat")]
        movieFile = layout.optional("movies.dat")
        userFile = layout.optional("users.dat")
    }

    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws {
        var fields = Fields()
        try RatingScan(files: ratingFiles).run(progress: progress, parse: { line, file in
            fields.split(line, on: 0x3A, 0x3A)
            return try RatingFields.userMovieRatingTime(fields, line, file: file)
        }, body)
    }

    func movies() throws -> [Movie] {
        guard let movieFile else { return [] }
        var movies: [Movie] = []
        var fields = Fields()
        try LineReader(path: movieFile).forEachLine { line in
            fields.split(line, on: 0x3A, 0x3A)
            try RatingFields.fieldCount(fields, 3, line, file: movieFile)
            let id = try RatingFields.id(line, fields[0], file: movieFile, what: "movie id")
            let title = TextDecoding.latin1(line[fields[1]])
            let genres = TextDecoding.latin1(line[fields[2]]).split(separator: "|").map(String.init)
            movies.append(Movie(id: id, title: title, year: TextDecoding.trailingYear(in: title), genres: genres))
        }
        return movies
    }

    func users() throws -> [UserProfile] {
        guard let userFile else { return [] }
        var users: [UserProfile] = []
        var fields = Fields()
        try LineReader(path: userFile).forEachLine { line in
            fields.split(line, on: 0x3A, 0x3A)
            try RatingFields.fieldCount(fields, 5, line, file: userFile)
            let id = try RatingFields.id(line, fields[0], file: userFile, what: "user id")
            let age = try RatingFields.id(line, fields[2], file: userFile, what: "age")
            let code = try RatingFields.id(line, fields[3], file: userFile, what: "occupation code")
            guard code >= 0, code < Self.occupations.count else {
                throw DatasetError.malformed(file: userFile, line: line.number,
                                             message: "occupation code \(code) is not in 0…\(Self.occupations.count - 1)")
            }
            users.append(UserProfile(id: id, age: Int(age), gender: TextDecoding.latin1(line[fields[1]]),
                                     occupation: Self.occupations[Int(code)]))
        }
        return users
    }
}
