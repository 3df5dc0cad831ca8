import HTTP
import Recommender

/// Reading typed parameters out of a request with 400 answers that name the parameter.
extension HTTPRequest {
    /// A required integer id from the query string.
    func requiredID(query name: String) throws -> Int64 {
        guard let text = queryValue(name) else {
            throw HTTPError.badRequest("missing_parameter", "query parameter '\(name)' is required")
        }
        return try Self.id(text, name: name)
    }

    /// A required integer id from the path.
    func requiredID(path name: String) throws -> Int64 {
        try Self.id(try parameter(name), name: name)
    }

    /// An optional bounded integer from the query string.
    func integer(query name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        try optionalInteger(query: name, in: range) ?? value
    }

    /// A bounded integer from the query string, nil when absent.
    func optionalInteger(query name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryValue(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw HTTPError.badRequest("invalid_parameter",
                                       "query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// An optional value from a fixed set.
    func choice(query name: String, among choices: [String]) throws -> String? {
        guard let text = queryValue(name) else { return nil }
        guard choices.contains(text) else {
            throw HTTPError.badRequest("invalid_parameter",
                                       "query parameter '\(name)' must be one of \(choices.joined(separator: ", ")), got '\(text)'")
        }
        return text
    }

    /// An optional `true`/`false` flag from the query string.
    func flag(query name: String) throws -> Bool {
        try choice(query: name, among: ["true", "false"]) == "true"
    }

    /// The optional `model` query parameter, one of `kinds`.
    func modelKind(among kinds: [ModelKind]) throws -> ModelKind? {
        try choice(query: "model", among: kinds.map(\.rawValue)).flatMap(ModelKind.init(rawValue:))
    }

    private static func id(_ text: String, name: String) throws -> Int64 {
        guard let value = Int64(text) else {
            throw HTTPError.badRequest("invalid_parameter", "'\(name)' must be an integer id, got '\(text)'")
        }
        return value
    }
}
