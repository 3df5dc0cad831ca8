import Foundation
import Models
import Ratings
import Recommender

/// The result of `movierec eval` in one value: what the table prints and what `--json`
/// writes. JSON keys are snake_case and sorted; a metric is always
/// `{"mean", "std", "values"}` (values per fold, std the sample deviation, 0 for one split),
/// with null where it is undefined (an empty cold-start slice).
struct EvalReport: Encodable {
    struct Summary: Encodable {
        let mean: Double
        let std: Double
        let values: [Double]

        init(_ values: [Double]) {
            let summary = MetricSummary(values)
            self.values = values
            mean = summary.mean
            std = summary.standardDeviation
        }

        private enum CodingKeys: String, CodingKey { case mean, std, values }

        func encode(to encoder: Encoder) throws {
            func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(finite(mean), forKey: .mean)
            try container.encode(finite(std), forKey: .std)
            try container.encode(values.map(finite), forKey: .values)
        }
    }

    struct ProtocolInfo: Encodable {
        let name: EvalProtocol
        let description: String
        let n: Int
        let trainFraction: Double
        let folds: Int
        let seed: UInt32
        let tuning: String
    }

    struct FoldInfo: Encodable {
        let train: Int
        let heldOut: Int
        let heldOutUsers: Int
        let coldStartUsers: Int
        let coldStartHeldOut: Int
        let median: Float
        let globalMean: Float
        let epochs: Int
        let trainingSeconds: Double
    }

    struct ErrorSummary: Encodable {
        let mae: Summary
        let mse: Summary
        let rmse: Summary
        let count: Summary
    }

    struct RankingSummary: Encodable {
        let hr: Summary
        let recall: Summary
        let ndcg: Summary
        let map: Summary
        /// NDCG at the longer list length (`long_k`).
        let ndcgLong: Summary
        let users: Summary
        let usersWithoutRelevant: Summary
    }

    let source: String
    let ratings: Int
    let `protocol`: ProtocolInfo
    let folds: [FoldInfo]
    let k: Int
    let longK: Int
    let relevance: Float
    let coldStartThreshold: Int
    let biasDamping: Double
    let mf: MatrixFactorizationConfiguration
    /// predictor → slice → metrics.
    let rating: [String: [String: ErrorSummary]]
    /// model → slice → metrics.
    let ranking: [String: [String: RankingSummary]]
    /// The ranker `/recommendations` answers with by default, as trained on the first split.
    let defaultRanker: String

    var protocolDescription: String { `protocol`.description }

    init(source: String, ratings: Int, command: EvalCommand, folds: [EvalFold]) {
        let results = folds.map(\.errors)
        self.source = source
        self.ratings = ratings
        `protocol` = ProtocolInfo(
            name: command.evalProtocol,
            description: command.evalProtocol.describe(n: command.n, trainFraction: command.trainFraction,
                                                       folds: command.folds, seed: command.seed),
            n: command.n, trainFraction: command.trainFraction, folds: command.folds, seed: command.seed,
            tuning: command.tuning)
        self.folds = results.map {
            FoldInfo(train: $0.trainCount, heldOut: $0.heldOutCount, heldOutUsers: $0.heldOutUsers,
                     coldStartUsers: $0.coldStartUsers.count, coldStartHeldOut: $0.coldStartHeldOut,
                     median: $0.median, globalMean: $0.globalMean, epochs: $0.epochs,
                     trainingSeconds: $0.trainingSeconds)
        }
        k = command.k
        longK = command.longK
        relevance = command.relevance
        coldStartThreshold = command.coldStartThreshold
        biasDamping = command.damping
        mf = (try? command.configuration()) ?? MatrixFactorizationConfiguration()
        var rating: [String: [String: ErrorSummary]] = [:]
        for predictor in RatingPredictor.allCases {
            for slice in EvaluationSlice.allCases {
                let metrics = results.map { $0.errors[predictor]?[slice] ?? ErrorMetrics() }
                rating[predictor.rawValue, default: [:]][slice.rawValue] = ErrorSummary(
                    mae: Summary(metrics.map(\.mae)), mse: Summary(metrics.map(\.mse)),
                    rmse: Summary(metrics.map(\.rmse)), count: Summary(metrics.map { Double($0.count) }))
            }
        }
        self.rating = rating
        var ranking: [String: [String: RankingSummary]] = [:]
        for kind in ModelKind.allCases where folds.allSatisfy({ $0.ranking[kind] != nil }) && !folds.isEmpty {
            for slice in EvaluationSlice.allCases {
                let metrics = folds.map { $0.ranking[kind]?[slice]?[command.k] ?? RankingMetrics() }
                let long = folds.map { $0.ranking[kind]?[slice]?[command.longK] ?? RankingMetrics() }
                ranking[kind.rawValue, default: [:]][slice.rawValue] = RankingSummary(
                    hr: Summary(metrics.map(\.hitRate)), recall: Summary(metrics.map(\.recall)),
                    ndcg: Summary(metrics.map(\.ndcg)), map: Summary(metrics.map(\.meanAveragePrecision)),
                    ndcgLong: Summary(long.map(\.ndcg)),
                    users: Summary(metrics.map { Double($0.users) }),
                    usersWithoutRelevant: Summary(metrics.map { Double($0.usersWithoutRelevant) }))
            }
        }
        self.ranking = ranking
        defaultRanker = (folds.first?.defaultRanker ?? .matrixFactorization).rawValue
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
