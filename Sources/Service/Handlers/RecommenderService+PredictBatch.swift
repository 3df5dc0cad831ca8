import HTTP
import Recommender

extension RecommenderService {
    static let maximumBatchPredictions = 1000

    /// `POST /predict` with `[{"user":…,"movie":…,"model"?:…}, …]`: every pair answered in
    /// order, each with its prediction or its own error (`{"user","movie","error":{…}}`), so
    /// one unknown movie does not fail the batch. A body that is not such an array is a 400.
    func predictBatch(_ request: HTTPRequest) throws -> HTTPResponse {
        let json = try request.jsonBody()
        guard case let .array(items) = json else {
            throw HTTPError.badRequest("invalid_body", "expected an array of {\"user\",\"movie\"} objects, got \(json.typeName)")
        }
        guard (1...Self.maximumBatchPredictions).contains(items.count) else {
            throw HTTPError.badRequest("invalid_body",
                                       "\(items.count) pairs in one request; from 1 to \(Self.maximumBatchPredictions)")
        }
        let pairs = try items.enumerated().map { try Self.pair($1, index: $0) }
        let model = try servingModel()
        let recommender = recommender(for: model)
        // One context and one call per (user, model): the user's history is read once and the
        // transformer rates all of their movies in one pass.
        var answers = [Result<Prediction, HTTPError>?](repeating: nil, count: pairs.count)
        var groups: [Group: [Int]] = [:]
        for (position, pair) in pairs.enumerated() {
            if try catalogueMovie(pair.movie) == nil {
                answers[position] = .failure(ServiceError.unknownMovie(pair.movie))
            } else {
                groups[Group(user: pair.user, model: pair.model), default: []].append(position)
            }
        }
        for (group, positions) in groups {
            let context = try context(for: group.user)
            do {
                let results = try recommender.predict(context, movies: positions.map { pairs[$0].movie }, using: group.model)
                for (position, result) in zip(positions, results) { answers[position] = result.mapError(\.httpError) }
            } catch let error as RecommenderError {
                for position in positions { answers[position] = .failure(error.httpError) }
            }
        }
        var writer = JSONWriter(capacity: 32 + 160 * pairs.count)
        writer.beginObject()
        writer.key("predictions")
        writer.beginArray()
        for (pair, answer) in zip(pairs, answers) {
            switch answer {
            case let .success(prediction)?:
                writePrediction(prediction, user: pair.user, movie: pair.movie, version: model.info.version, into: &writer)
            case let .failure(error)?:
                Self.writeFailure(pair, error, into: &writer)
            case nil:
                preconditionFailure("every pair is answered")
            }
        }
        writer.endArray()
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    private struct Group: Hashable {
        var user: Int64
        var model: ModelKind?
    }

    private struct Pair {
        var user: Int64
        var movie: Int64
        var model: ModelKind?
    }

    /// One pair of the body; a pair that is not `{"user":int,"movie":int[,"model":…]}` fails
    /// the request with a 400 naming its position (the batch's shape is the caller's to fix).
    private static func pair(_ json: JSONValue, index: Int) throws -> Pair {
        guard case let .object(members) = json else {
            throw HTTPError.badRequest("invalid_body", "item \(index): expected an object, got \(json.typeName)")
        }
        if let unknown = members.first(where: { !["user", "movie", "model"].contains($0.key) }) {
            throw HTTPError.badRequest("invalid_body", "item \(index): unknown field '\(unknown.key)'")
        }
        func id(_ name: String) throws -> Int64 {
            guard let value = json[name]?.int64 else {
                throw HTTPError.badRequest("invalid_body", "item \(index), field '\(name)': an integer id is required")
            }
            return value
        }
        var model: ModelKind?
        if let value = json["model"] {
            guard case let .string(name) = value, let kind = ModelKind(rawValue: name), predictors.contains(kind) else {
                throw HTTPError.badRequest("invalid_body",
                                           "item \(index), field 'model': one of \(predictors.map(\.rawValue).joined(separator: ", "))")
            }
            model = kind
        }
        return Pair(user: try id("user"), movie: try id("movie"), model: model)
    }

    private static func writeFailure(_ pair: Pair, _ error: HTTPError, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("user", pair.user)
        writer.field("movie", pair.movie)
        writer.key("error")
        writer.beginObject()
        writer.field("code", error.code)
        writer.field("message", error.message)
        writer.endObject()
        writer.endObject()
    }
}
