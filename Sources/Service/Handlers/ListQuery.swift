import Foundation
import HTTP
import Ratings
import Recommender

/// The list parameters `/recommendations` and `/similar` share: `k`, `genre` (one or
/// several, comma-separated or repeated: a movie of any of them passes), `year_min`,
/// `year_max`, `exclude` (comma-separated ids) and the page (`offset`, or the `cursor` a
/// previous page returned). Each is checked with a 4xx that names it.
struct ListQuery {
    static let maximumK = 1000
    /// How deep a page may reach into a list: ranking further costs more and serves no one.
    static let maximumDepth = 10_000
    static let maximumExcluded = 1000

    var page: ListPage
    /// The genres and years become a predicate over the catalogue snapshot, read for each
    /// scored movie only when one of them was given.
    var filter: MovieFilter

    init(_ request: HTTPRequest, catalogue: CatalogueSnapshot, version: String) throws {
        let k = try request.integer(query: "k", default: 10, in: 1...Self.maximumK)
        let offset = try Self.offset(request, version: version)
        guard offset + k <= Self.maximumDepth else {
            throw HTTPError.badRequest("invalid_parameter",
                                       "offset + k may reach at most \(Self.maximumDepth) movies deep, got \(offset + k)")
        }
        page = ListPage(offset: offset, count: k)
        let genres = try Self.genres(request, known: catalogue.genres)
        let years = try Self.years(request)
        let excluded = try Self.excluded(request)
        let filtered = !genres.isEmpty || years != nil
        filter = MovieFilter(excluded: excluded, admits: filtered ? catalogue.admission(genres: genres, years: years) : nil)
    }

    /// The cursor for the page after `page`, bound to the model version that ranked it.
    static func cursor(after page: ListPage, version: String) -> String {
        Data("\(page.depth)@\(version)".utf8).base64URLEncoded()
    }

    private static func offset(_ request: HTTPRequest, version: String) throws -> Int {
        let offset = try request.integer(query: "offset", default: 0, in: 0...(maximumDepth - 1))
        guard let cursor = request.queryValue("cursor") else { return offset }
        guard request.queryValue("offset") == nil else {
            throw HTTPError.badRequest("invalid_parameter", "give 'cursor' or 'offset', not both")
        }
        guard let text = Data(base64URLEncoded: cursor).flatMap({ String(data: $0, encoding: .utf8) }),
              let at = text.firstIndex(of: "@"), let depth = Int(text[..<at]), (0...maximumDepth).contains(depth) else {
            throw HTTPError.badRequest("invalid_parameter", "'cursor' is not a cursor this server returned")
        }
        guard text[text.index(after: at)...] == version else {
            throw HTTPError(status: .conflict, code: "cursor_expired",
                            message: "the cursor belongs to a list from another model version; ask again without a cursor to start from the top")
        }
        return depth
    }

    /// `year_min`…`year_max`, nil when neither is given.
    static func years(_ request: HTTPRequest) throws -> ClosedRange<Int>? {
        let yearMin = try request.optionalInteger(query: "year_min", in: 0...9999)
        let yearMax = try request.optionalInteger(query: "year_max", in: 0...9999)
        if let yearMin, let yearMax, yearMin > yearMax {
            throw HTTPError.badRequest("invalid_parameter", "year_min (\(yearMin)) is after year_max (\(yearMax))")
        }
        return (yearMin != nil || yearMax != nil) ? (yearMin ?? 0)...(yearMax ?? 9999) : nil
    }

    /// The `genre` values (comma-separated or repeated); 422 naming the catalogue's genres
    /// for one it does not have.
    static func genres(_ request: HTTPRequest, known: [String]) throws -> Set<String> {
        let asked = request.queryValues("genre").flatMap { $0.split(separator: ",").map(String.init) }
        let unknown = asked.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw HTTPError(status: .unprocessableContent, code: "unknown_genre",
                            message: "unknown genre '\(unknown[0])'; the catalogue's genres are \(known.joined(separator: ", "))")
        }
        return Set(asked)
    }

    private static func excluded(_ request: HTTPRequest) throws -> Set<Int64> {
        let texts = request.queryValues("exclude").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard texts.count <= maximumExcluded else {
            throw HTTPError.badRequest("invalid_parameter", "'exclude' lists \(texts.count) ids; at most \(maximumExcluded)")
        }
        return Set(try texts.map { text in
            guard let id = Int64(text) else {
                throw HTTPError.badRequest("invalid_parameter", "'exclude' must list integer ids separated by commas, got '\(text)'")
            }
            return id
        })
    }
}

extension Data {
    /// RFC 4648 §5 base64url without padding: what fits a query string unescaped.
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
