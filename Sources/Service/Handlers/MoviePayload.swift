import HTTP
import Ratings

/// Turns the body of `POST /movies` or `PATCH /movies/:movie` into a movie, every field
/// checked before anything is written, errors naming the field.
enum MoviePayload {
    /// Lengths count Unicode scalars, as JSON Schema's `maxLength` does.
    static let maximumTitleLength = 500
    static let maximumGenres = 32
    static let maximumGenreLength = 64
    static let years = 1800...2200
    private static let fields: Set<String> = ["id", "title", "year", "genres"]

    /// A new movie: `title` required, `year` and `genres` optional, `id` optional (`nextID` when absent).
    static func new(from json: JSONValue, nextID: () throws -> Int64) throws -> Movie {
        let members = try object(json)
        guard let title = try title(members["title"]) else { throw invalid("title", "a title is required") }
        let id: Int64
        if let value = members["id"] {
            guard let given = value.int64, given > 0 else { throw invalid("id", "a positive integer id is required") }
            id = given
        } else {
            id = try nextID()
        }
        return Movie(id: id, title: title, year: try year(members["year"]) ?? nil, genres: try genres(members["genres"]) ?? [])
    }

    /// `movie` with the fields the body gives replaced (`"year": null` removes the year).
    static func patch(_ movie: Movie, from json: JSONValue) throws -> Movie {
        let members = try object(json)
        if members["id"] != nil { throw invalid("id", "a movie's id cannot change") }
        guard !members.isEmpty else {
            throw HTTPError(status: .unprocessableContent, code: "invalid_movie", message: "the body changes no field; give title, year or genres")
        }
        var patched = movie
        if let title = try title(members["title"]) { patched.title = title }
        if let year = try year(members["year"]) { patched.year = year }
        if let genres = try genres(members["genres"]) { patched.genres = genres }
        return patched
    }

    private static func object(_ json: JSONValue) throws -> [String: JSONValue] {
        guard case let .object(members) = json else {
            throw HTTPError(status: .unprocessableContent, code: "invalid_movie", message: "expected an object, got \(json.typeName)")
        }
        if let unknown = members.first(where: { !fields.contains($0.key) }) {
            throw invalid(unknown.key, "unknown field; a movie has \(fields.sorted().joined(separator: ", "))")
        }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    private static func title(_ json: JSONValue?) throws -> String? {
        guard let json else { return nil }
        guard case let .string(text) = json, !text.allSatisfy(\.isWhitespace), text.unicodeScalars.count <= maximumTitleLength else {
            throw invalid("title", "a non-blank string of at most \(maximumTitleLength) characters is required")
        }
        return text
    }

    /// nil when absent, `.some(nil)` for an explicit null.
    private static func year(_ json: JSONValue?) throws -> Int?? {
        guard let json else { return nil }
        if json == .null { return .some(nil) }
        guard let year = json.int64.map(Int.init), years.contains(year) else {
            throw invalid("year", "an integer from \(years.lowerBound) to \(years.upperBound) or null is required")
        }
        return .some(year)
    }

    private static func genres(_ json: JSONValue?) throws -> [String]? {
        guard let json else { return nil }
        guard case let .array(items) = json, items.count <= maximumGenres else {
            throw invalid("genres", "an array of at most \(maximumGenres) strings is required")
        }
        var genres: [String] = []
        for item in items {
            guard case let .string(genre) = item, !genre.isEmpty, genre.unicodeScalars.count <= maximumGenreLength,
                  !genre.contains("|"), !genre.contains(","), !genre.allSatisfy(\.isWhitespace) else {
                throw invalid("genres", "each genre must be a non-blank string of at most \(maximumGenreLength) characters without '|' or ','")
            }
            if !genres.contains(genre) { genres.append(genre) }
        }
        return genres
    }

    private static func invalid(_ field: String, _ reason: String) -> HTTPError {
        HTTPError(status: .unprocessableContent, code: "invalid_movie", message: "field '\(field)': \(reason)")
    }
}
