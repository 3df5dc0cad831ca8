/// MovieLens 100k: `u.data` (tab: user, item, rating, timestamp), `u.item` (pipe,
/// Latin-1: id|title|release date|video date|url|19 genre flags), `u.user`
/// (id|age|gender|occupation|zip) and `u.genre` (name|index) for the flag names.
///
/// Titles are kept as written ("Toy Story (1995)"); the year comes from the title's
/// trailing "(1995)", else from the release date ("01-Jan-1995").
struct MovieLens100kReader: DatasetReader {
    let format = DatasetFormat.movieLens100k
    let ratingFiles: [String]
    private let itemFile: String?
    private let userFile: String?
    private let genreFile: String?

    /// The genre flag order of the published files, used when `u.genre` is absent.
    static let standardGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
        "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
        "Thriller", "War", "Western",
    ]

    init(layout: DatasetLayout) throws {
        ratingFiles = [try layout.namedFile ?? layout.required("u.data")]
        itemFile = layout.optional("u.item")
        userFile = layout.optional("u.user")
        genreFile = layout.optional("u.genre")
    }

    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws {
        var fields = Fields()
        try RatingScan(files: ratingFiles).run(progress: progress, parse: { line, file in
            fields.split(line, on: 0x09)
            return try RatingFields.userMovieRatingTime(fields, line, file: file, movie: "item id")
        }, body)
    }

    func genreNames() throws -> [String] {
        guard let genreFile else { return Self.standardGenres }
        var named: [(index: Int, name: String)] = []
        var fields = Fields()
        try LineReader(path: genreFile).forEachLine { line in
            fields.split(line, on: 0x7C)
            try RatingFields.fieldCount(fields, 2, line, file: genreFile)
            let index = try RatingFields.id(line, fields[1], file: genreFile, what: "genre index")
            named.append((Int(index), TextDecoding.latin1(line[fields[0]])))
        }
        return named.sorted { $0.index < $1.index }.map(\.name)
    }

    func movies() throws -> [Movie] {
        guard let itemFile else { return [] }
        let genres = try genreNames()
        var movies: [Movie] = []
        var fields = Fields()
        try LineReader(path: itemFile).forEachLine { line in
            fields.split(line, on: 0x7C)
            try RatingFields.fieldCount(fields, 5 + genres.count, line, file: itemFile)
            let id = try RatingFields.id(line, fields[0], file: itemFile, what: "movie id")
            let title = TextDecoding.latin1(line[fields[1]])
            var movieGenres: [String] = []
            for (offset, name) in genres.enumerated() {
                switch line.text(fields[5 + offset]) {
                case "1": movieGenres.append(name)
                case "0": break
                case let other:
                    throw DatasetError.malformed(file: itemFile, line: line.number,
                                                 message: "genre flag \"\(other)\" for \(name) is not 0 or 1")
                }
            }
            let releaseYear = Int(line.text(fields[2]).split(separator: "-").last ?? "")
            movies.append(Movie(id: id, title: title, year: TextDecoding.trailingYear(in: title) ?? releaseYear,
                                genres: movieGenres))
        }
        return movies
    }

    func users() throws -> [UserProfile] {
        guard let userFile else { return [] }
        var users: [UserProfile] = []
        var fields = Fields()
        try LineReader(path: userFile).forEachLine { line in
            fields.split(line, on: 0x7C)
            try RatingFields.fieldCount(fields, 5, line, file: userFile)
            let id = try RatingFields.id(line, fields[0], file: userFile, what: "user id")
            let age = try RatingFields.id(line, fields[1], file: userFile, what: "age")
            users.append(UserProfile(id: id, age: Int(age), gender: TextDecoding.latin1(line[fields[2]]),
                                     occupation: TextDecoding.latin1(line[fields[3]])))
        }
        return users
    }
}
