import Ratings

/// Why a `POST /ratings` body cannot be stored, naming the offending item so the client
/// can fix exactly that one.
public struct RatingPayloadError: Error, Equatable, CustomStringConvertible {
    /// Position in the submitted array, nil for a single object.
    public let index: Int?
    public let field: String?
    public let reason: String

    public var description: String {
        var place = index.map { "item \($0)" } ?? "the rating"
        if let field { place += ", field '\(field)'" }
        return "\(place): \(reason)"
    }
}

/// Turns a parsed JSON body (one object or an array of objects) into ratings, checking
/// every field before anything is stored: the request is all or nothing.
public enum RatingPayload {
    public static let maximumItems = 10_000
    /// How far past the server's clock a timestamp may lie by default: one day, room for clients
    /// whose clocks run ahead, while a rating stamped years ahead — which would win over every
    /// later correction, since the newest timestamp wins — is refused.
    public static let defaultFutureTolerance: Int64 = 86_400
    private static let fields: Set<String> = ["user", "movie", "rating", "timestamp"]

    /// - Parameters:
    ///   - now: the timestamp given to ratings that carry none.
    ///   - futureTolerance: seconds past `now` a given timestamp may lie.
    public static func ratings(from json: JSONValue, now: Int64,
                               futureTolerance: Int64 = defaultFutureTolerance) throws -> [Rating] {
        let window = TimeWindow(now: now, tolerance: futureTolerance)
        switch json {
        case .object:
            return [try rating(from: json, index: nil, window: window)]
        case let .array(items):
            guard !items.isEmpty else {
                throw RatingPayloadError(index: nil, field: nil, reason: "the array holds no ratings")
            }
            guard items.count <= maximumItems else {
                throw RatingPayloadError(index: nil, field: nil,
                                         reason: "\(items.count) ratings in one request; at most \(maximumItems)")
            }
            return try items.enumerated().map { try rating(from: $1, index: $0, window: window) }
        default:
            throw RatingPayloadError(index: nil, field: nil,
                                     reason: "expected an object or an array of objects, got \(json.typeName)")
        }
    }

    /// The server's time and the latest timestamp it accepts.
    private struct TimeWindow {
        let now: Int64
        let tolerance: Int64
        var latest: Int64 { now.addingReportingOverflow(tolerance).overflow ? .max : now + tolerance }
    }

    private static func rating(from json: JSONValue, index: Int?, window: TimeWindow) throws -> Rating {
        guard case let .object(members) = json else {
            throw RatingPayloadError(index: index, field: nil, reason: "expected an object, got \(json.typeName)")
        }
        var seen = Set<String>()
        for member in members {
            guard fields.contains(member.key) else {
                throw RatingPayloadError(index: index, field: member.key, reason: "unknown field")
            }
            guard seen.insert(member.key).inserted else {
                throw RatingPayloadError(index: index, field: member.key, reason: "field given twice")
            }
        }
        func integer(_ name: String) throws -> Int64? {
            guard let value = json[name] else { return nil }
            guard let number = value.int64 else {
                let shown: String
                if case let .number(text) = value { shown = "number \(text)" } else { shown = value.typeName }
                throw RatingPayloadError(index: index, field: name, reason: "expected an integer id, got \(shown)")
            }
            return number
        }
        guard let user = try integer("user") else {
            throw RatingPayloadError(index: index, field: "user", reason: "missing")
        }
        guard let movie = try integer("movie") else {
            throw RatingPayloadError(index: index, field: "movie", reason: "missing")
        }
        guard let ratingValue = json["rating"] else {
            throw RatingPayloadError(index: index, field: "rating", reason: "missing")
        }
        guard let stars = ratingValue.double else {
            throw RatingPayloadError(index: index, field: "rating", reason: "expected a number, got \(ratingValue.typeName)")
        }
        guard RatingScale.contains(Float(stars)), Double(Float(stars)) == stars else {
            throw RatingPayloadError(index: index, field: "rating",
                                     reason: "\(stars) is not between \(RatingScale.minimum) and \(RatingScale.maximum) in steps of \(RatingScale.step)")
        }
        let timestamp = try integer("timestamp") ?? window.now
        guard timestamp >= 0 else {
            throw RatingPayloadError(index: index, field: "timestamp", reason: "must not be negative")
        }
        guard timestamp <= window.latest else {
            throw RatingPayloadError(index: index, field: "timestamp",
                                     reason: "\(timestamp) is more than \(window.tolerance) s past the server's clock; the latest accepted now is \(window.latest)")
        }
        return Rating(user: user, movie: movie, value: Float(stars), timestamp: timestamp)
    }
}
