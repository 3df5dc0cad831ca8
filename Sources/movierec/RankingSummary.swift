import Foundation
import Models

/// What `movierec inspect` says about a file's rankers: each ranking model's shape and
/// configuration, every ranker's validation HR@k/NDCG@k (most-rated's too), and the default.
struct RankingSummary {
    struct Ranker {
        let kind: String
        /// e.g. `943 users × 1682 movies, 64 factors`; nil for MF (described elsewhere) and most-rated.
        let shape: String?
        /// The configuration as JSON; nil where the file keeps none for ranking.
        let configuration: String?
        let validation: RankingValidationScores?
    }

    let rankers: [Ranker]
    let defaultRanker: String?

    init(_ file: ModelFile) throws {
        var rankers: [Ranker] = []
        if file.models.contains(MatrixFactorizationTensors.kind), let scores = file.rankingValidation(of: MatrixFactorizationTensors.kind) {
            rankers.append(Ranker(kind: MatrixFactorizationTensors.kind, shape: nil, configuration: nil, validation: scores))
        }
        if file.models.contains(ImplicitALSModel.kind) {
            let model = try file.implicitALS()
            rankers.append(Ranker(kind: ImplicitALSModel.kind,
                                  shape: "\(model.users.count) users × \(model.movies.count) movies, \(model.factors) factors",
                                  configuration: try Self.json(model.configuration),
                                  validation: file.rankingValidation(of: ImplicitALSModel.kind)))
        }
        if file.models.contains(EASEModel.kind) {
            let model = try file.ease()
            let channels = model.configuration.channels.count
            rankers.append(Ranker(kind: EASEModel.kind,
                                  shape: "\(model.weights.rows) × \(model.weights.columns) weights (\(model.movies.count) movies, "
                                      + "\(channels) input channel\(channels == 1 ? "" : "s"))",
                                  configuration: try Self.json(model.configuration),
                                  validation: file.rankingValidation(of: EASEModel.kind)))
        }
        if let floor = file.rankingValidation(of: RankingValidationScores.mostRatedKind) {
            rankers.append(Ranker(kind: RankingValidationScores.mostRatedKind, shape: nil, configuration: nil, validation: floor))
        }
        self.rankers = rankers
        defaultRanker = file.defaultRanker
    }

    var lines: [String] {
        var lines: [String] = []
        for ranker in rankers {
            var line = "\(ranker.kind):"
            if let shape = ranker.shape { line += " \(shape)" }
            if let scores = ranker.validation {
                line += (ranker.shape == nil ? "" : ",") + " validation \(EpochLine.ranking(scores)) on \(scores.holdout)"
            }
            lines.append(line)
            if let configuration = ranker.configuration { lines.append("  configuration \(configuration)") }
        }
        if let chosen = defaultRanker { lines.append("ranking.default: \(chosen)") }
        return lines
    }

    func json() throws -> [String: Any] {
        var object: [String: Any] = [:]
        for ranker in rankers {
            var entry: [String: Any] = [:]
            if let shape = ranker.shape { entry["shape"] = shape }
            if let configuration = ranker.configuration {
                entry["configuration"] = try JSONSerialization.jsonObject(with: Data(configuration.utf8))
            }
            if let scores = ranker.validation {
                entry["validation"] = ["users": scores.users, "hit_rate": scores.hitRate, "ndcg": scores.ndcg,
                                       "k": scores.k, "holdout": scores.holdout]
            }
            object[ranker.kind] = entry
        }
        if let chosen = defaultRanker { object["default"] = chosen }
        return object
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
