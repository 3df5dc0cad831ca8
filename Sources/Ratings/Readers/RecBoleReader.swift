/// RecBole atomic files: tab-separated, a typed header on the first line, UTF-8.
///
/// `.inter` needs `user_id`, `item_id` and `rating` (`timestamp` defaults to 0 when the
/// column is absent). `.item` reads `item_id`, `movie_title`, `release_year` (a value that
/// is not a number, such as ml-100k's "unkonwn", means no year) and `class` or `genre`
/// (space-separated). `.user` reads `user_id`, `age`, `gender`, `occupation`. Titles are
/// kept as written; RecBole's ml-100k titles carry no "(1995)" suffix.
struct RecBoleReader: DatasetReader {
    let format = DatasetFormat.recBole
    let ratingFiles: [String]
    private let itemFile: String?
    private let userFile: String?

    init(layout: DatasetLayout) throws {
        let interFile: String
        if let named = layout.namedFile {
            interFile = named
        } else if let first = layout.entries(where: { $0.hasSuffix(".inter") }).first {
            interFile = first
        } else {
            throw DatasetError.missingFile(path: layout.file("*.inter"))
        }
        let stem = String(interFile.dropLast(".inter".count))
        ratingFiles = [interFile]
        itemFile = layout.exists(stem + ".item") ? stem + ".item" : nil
        userFile = layout.exists(stem + ".user") ? stem + ".user" : nil
    }

    func forEachRating(progress: ((ReadProgress) -> Void)?, _ body: (Rating) throws -> Void) throws {
        var fields = Fields()
        var header: RecBoleHeader?
        var userColumn = 0, itemColumn = 0, ratingColumn = 0
        var timestampColumn: Int?
        try RatingScan(files: ratingFiles).run(progress: progress, parse: { line, file in
            guard let columns = header else {
                let parsed = try RecBoleHeader(line, file: file)
                userColumn = try parsed.required("user_id", line: line, file: file)
                itemColumn = try parsed.required("item_id", line: line, file: file)
                ratingColumn = try parsed.required("rating", line: line, file: file)
                timestampColumn = parsed.column("timestamp")
                header = parsed
                return nil
            }
            fields.split(line, on: 0x09)
            try RatingFields.fieldCount(fields, columns.count, line, file: file)
            return Rating(
                user: try RatingFields.id(line, fields[userColumn], file: file, what: "user id"),
                movie: try RatingFields.id(line, fields[itemColumn], file: file, what: "item id"),
                value: try RatingFields.rating(line, fields[ratingColumn], file: file),
                timestamp: try timestampColumn.map { try RatingFields.timestamp(line, fields[$0], file: file) } ?? 0)
        }, body)
    }

    func movies() throws -> [Movie] {
        guard let itemFile else { return [] }
        var movies: [Movie] = []
        try RecBoleTable(path: itemFile).forEachRow { row in
            let id = try row.id("item_id")
            let title = try row.text("movie_title") ?? ""
            let year = try row.text("release_year").flatMap { Int($0) }
            let genres = try (row.text("class") ?? row.text("genre")).map { $0.split(separator: " ").map(String.init) } ?? []
            movies.append(Movie(id: id, title: title, year: year, genres: genres))
        }
        return movies
    }

    func users() throws -> [UserProfile] {
        guard let userFile else { return [] }
        var users: [UserProfile] = []
        try RecBoleTable(path: userFile).forEachRow { row in
            let age = try row.text("age").flatMap { Int($0) }
            users.append(UserProfile(id: try row.id("user_id"), age: age,
                                     gender: try row.text("gender"), occupation: try row.text("occupation")))
        }
        return users
    }
}

/// A small RecBole side table (`.item`, `.user`) read row by row with columns by name.
struct RecBoleTable {
    let path: String

    struct Row {
        let line: Line
        let fields: Fields
        let header: RecBoleHeader
        let file: String

        /// The column's text, nil if the file has no such column or the cell is empty.
        func text(_ name: String) throws -> String? {
            guard let index = header.column(name), !fields[index].isEmpty else { return nil }
            guard let text = TextDecoding.utf8(line[fields[index]]) else {
                throw DatasetError.malformed(file: file, line: line.number, message: "\(name) is not valid UTF-8")
            }
            return text
        }

        func id(_ name: String) throws -> Int64 {
            try RatingFields.id(line, fields[try header.required(name, line: line, file: file)], file: file, what: name)
        }
    }

    func forEachRow(_ body: (Row) throws -> Void) throws {
        var header: RecBoleHeader?
        var fields = Fields()
        try LineReader(path: path).forEachLine { line in
            guard let columns = header else {
                header = try RecBoleHeader(line, file: path)
                return
            }
            fields.split(line, on: 0x09)
            try RatingFields.fieldCount(fields, columns.count, line, file: path)
            try body(Row(line: line, fields: fields, header: columns, file: path))
        }
    }
}
