/// The loop shared by every format: stream each rating file's lines through a
/// format-specific parser, count rows and report progress across all files.
struct RatingScan {
    let files: [String]

    /// `parse` gets each non-blank line and its file's path; it returns nil for lines
    /// that carry no rating (headers, Netflix `123:` lines) and throws for bad ones.
    func run(progress: ((ReadProgress) -> Void)?,
             parse: (Line, String) throws -> Rating?,
             _ body: (Rating) throws -> Void) throws {
        let readers = try files.map { try LineReader(path: $0) }
        let totalBytes = readers.reduce(0) { $0 + $1.totalBytes }
        var rows = 0
        var finishedBytes = 0
        for reader in readers {
            try reader.forEachLine(afterChunk: {
                progress?(ReadProgress(rows: rows, bytesRead: finishedBytes + reader.bytesRead, totalBytes: totalBytes))
            }) { line in
                if let rating = try parse(line, reader.path) {
                    rows += 1
                    try body(rating)
                }
            }
            finishedBytes += reader.bytesRead
        }
    }
}

/// Checks shared by the formats, producing the error text the brief's examples use.
enum RatingFields {
    /// The MovieLens rating row: exactly user, movie, rating, timestamp.
    static func userMovieRatingTime(_ fields: Fields, _ line: Line, file: String, movie what: String = "movie id") throws -> Rating {
        try fieldCount(fields, 4, line, file: file)
        return Rating(user: try id(line, fields[0], file: file, what: "user id"),
                      movie: try id(line, fields[1], file: file, what: what),
                      value: try rating(line, fields[2], file: file),
                      timestamp: try timestamp(line, fields[3], file: file))
    }

    static func id(_ line: Line, _ range: Range<Int>, file: String, what: String) throws -> Int64 {
        guard let value = NumberParsing.int64(line[range]) else {
            throw DatasetError.malformed(file: file, line: line.number, message: "\(what) \"\(line.text(range))\" is not an integer")
        }
        return value
    }

    static func rating(_ line: Line, _ range: Range<Int>, file: String) throws -> Float {
        guard let value = NumberParsing.float(line[range]) else {
            throw DatasetError.malformed(file: file, line: line.number, message: "rating \"\(line.text(range))\" is not a number")
        }
        guard RatingScale.contains(value) else {
            throw DatasetError.malformed(
                file: file, line: line.number,
                message: "rating \(line.text(range)) is off the scale \(RatingScale.minimum)…\(RatingScale.maximum) in steps of \(RatingScale.step)")
        }
        return value
    }

    static func timestamp(_ line: Line, _ range: Range<Int>, file: String) throws -> Int64 {
        guard let value = NumberParsing.wholeSeconds(line[range]) else {
            throw DatasetError.malformed(file: file, line: line.number, message: "timestamp \"\(line.text(range))\" is not a number of seconds")
        }
        return value
    }

    static func fieldCount(_ fields: Fields, _ expected: Int, _ line: Line, file: String, atLeast: Bool = false) throws {
        let ok = atLeast ? fields.count >= expected : fields.count == expected
        guard ok else {
            throw DatasetError.malformed(file: file, line: line.number,
                                         message: "expected \(atLeast ? "at least " : "")\(expected) fields, found \(fields.count)")
        }
    }
}
