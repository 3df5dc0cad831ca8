import Foundation
import HTTP
import Ratings
import Store

extension RecommenderService {
    static let maximumRatingsPage = 1000

    /// `GET /users/:user/ratings?limit=&cursor=`: the user's ratings newest first (ties in
    /// time by movie id), with titles, a page at a time. The cursor names the last rating
    /// returned, so a rating posted between pages neither repeats nor hides one.
    func userRatings(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let limit = try request.integer(query: "limit", default: 100, in: 1...Self.maximumRatingsPage)
        let after = try request.queryValue("cursor").map(RatingCursor.init(text:))
        let ratings = try store.ratings(user: user).sorted(by: RatingCursor.newestFirst)
        if ratings.isEmpty, try store.user(id: user) == nil { throw ServiceError.unknownUser(user) }
        let remaining = after.map { cursor in ratings.drop { !cursor.precedes($0) } } ?? ratings[...]
        let page = remaining.prefix(limit)
        let titles = catalogue.snapshot
        var writer = JSONWriter(capacity: 64 + 90 * page.count)
        writer.beginObject()
        writer.field("user", user)
        writer.field("total", ratings.count)
        writer.key("items")
        writer.beginArray()
        for rating in page {
            writer.beginObject()
            writer.field("movie", rating.movie)
            writer.field("title", titles.movie(rating.movie)?.title ?? "")
            writer.field("rating", rating.value)
            writer.field("timestamp", rating.timestamp)
            writer.endObject()
        }
        writer.endArray()
        if remaining.count > page.count, let last = page.last { writer.field("next_cursor", RatingCursor(last).text) }
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// `DELETE /users/:user/ratings/:movie`: retracts one rating, committed before the 204.
    func deleteRating(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let movie = try request.requiredID(path: "movie")
        guard try storeWrite({ try store.deleteRating(user: user, movie: movie) }) else {
            throw HTTPError(status: .notFound, code: "rating_not_found", message: "user \(user) has no rating of movie \(movie)")
        }
        live.foldIn?.invalidate(users: [user])
        return HTTPResponse(status: .noContent)
    }

    /// `DELETE /users/:user`: forgets the user — every rating and the profile deleted in one
    /// transaction (overwritten in the SQLite file), cached fold-ins dropped, the serving
    /// model's rows for them masked until a retraining without them. Idempotent: forgetting
    /// a forgotten user is a 204 again; a user the store never knew is a 404. When the file
    /// could not be rewritten after the committed deletion (a long reader, no disk room), the
    /// answer is a 503 asking to repeat the DELETE, which rewrites again.
    func forgetUser(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let outcome: ForgetOutcome
        var incomplete: StoreError?
        do {
            outcome = try storeWrite { try store.forgetUser(user) }
        } catch let error as StoreError {
            guard case .forgetNotScrubbed = error else { throw error }
            (outcome, incomplete) = (.alreadyForgotten, error)
        }
        guard outcome != .unknown else { throw ServiceError.unknownUser(user) }
        forgotten.add(user)
        live.foldIn?.invalidate(users: [user])
        if let incomplete {
            throw HTTPError(status: .serviceUnavailable, code: "forget_incomplete", message: incomplete.description,
                            headers: ["Retry-After": "1"])
        }
        return HTTPResponse(status: .noContent)
    }
}

/// A position in a user's ratings listed newest first: the (timestamp, movie) of the last
/// one a page returned, as an opaque token.
struct RatingCursor {
    var timestamp: Int64
    var movie: Int64

    init(_ rating: Rating) {
        timestamp = rating.timestamp
        movie = rating.movie
    }

    init(text: String) throws {
        let parts = Data(base64URLEncoded: text).flatMap { String(data: $0, encoding: .utf8) }?.split(separator: ":")
        guard let parts, parts.count == 2, let timestamp = Int64(parts[0]), let movie = Int64(parts[1]) else {
            throw HTTPError.badRequest("invalid_parameter", "'cursor' is not a cursor this server returned")
        }
        self.timestamp = timestamp
        self.movie = movie
    }

    var text: String { Data("\(timestamp):\(movie)".utf8).base64URLEncoded() }

    /// Whether `rating` comes after this position in the newest-first order.
    func precedes(_ rating: Rating) -> Bool {
        rating.timestamp != timestamp ? rating.timestamp < timestamp : rating.movie > movie
    }

    static func newestFirst(_ a: Rating, _ b: Rating) -> Bool {
        a.timestamp != b.timestamp ? a.timestamp > b.timestamp : a.movie < b.movie
    }
}
