import Models
import Recommender

/// The aligned text form of an `EvalReport`.
enum EvalTable {
    static func render(_ report: EvalReport) -> String {
        var lines: [String] = []
        let folds = report.folds.count
        lines.append("movierec eval: \(report.source), \(report.ratings) ratings")
        lines.append("protocol \(report.protocolDescription); MF early stopping: \(report.protocol.tuning)")
        for (number, fold) in report.folds.enumerated() {
            lines.append("  split \(number + 1): train \(fold.train), held out \(fold.heldOut) of \(fold.heldOutUsers) users"
                         + " (cold start < \(report.coldStartThreshold): \(fold.coldStartUsers) users, \(fold.coldStartHeldOut) ratings);"
                         + " MF \(report.mf.algorithm.rawValue) \(report.mf.factors) factors, \(fold.epochs) epochs")
        }
        let spread = folds > 1 ? " (mean ± sample std over \(folds) folds)" : ""
        let median = report.folds.first.map { EpochLine.fixed(Double($0.median), 1) } ?? "?"
        let names: [RatingPredictor: String] = [
            .median: "median (\(median))", .globalMean: "global mean",
            .bias: "user+movie bias (damping \(EpochLine.fixed(report.biasDamping, 0)))", .matrixFactorization: "MF",
        ]
        for slice in EvaluationSlice.allCases {
            let count = report.rating[RatingPredictor.median.rawValue]?[slice.rawValue]?.count.mean ?? 0
            lines.append("")
            lines.append("rating error, \(sliceName(slice, report)): \(Int(count)) held-out ratings\(spread)")
            var rows = [["predictor", "MAE", "MSE", "RMSE"]]
            for predictor in RatingPredictor.allCases {
                guard let metrics = report.rating[predictor.rawValue]?[slice.rawValue] else { continue }
                rows.append([names[predictor] ?? predictor.rawValue,
                             value(metrics.mae), value(metrics.mse), value(metrics.rmse)])
            }
            lines += align(rows)
        }
        let rankerNames: [ModelKind: String] = [
            .mostRated: "most rated", .matrixFactorization: "MF", .implicitALS: "iALS", .ease: "EASE",
            .transformer: "transformer",
        ]
        for slice in EvaluationSlice.allCases {
            let metrics = report.ranking[ModelKind.mostRated.rawValue]?[slice.rawValue]
            let users = Int(metrics?.users.mean ?? 0)
            let without = Int(metrics?.usersWithoutRelevant.mean ?? 0)
            lines.append("")
            let relevant = report.protocol.name == .nextItem
                ? "their held-out movie" : "a held-out rating ≥ \(EpochLine.fixed(Double(report.relevance), 1))"
            lines.append("top-k lists of unrated movies, \(sliceName(slice, report)): \(users) users with \(relevant)"
                         + " (\(without) without, excluded)\(spread)")
            let k = report.k
            var rows = [["ranker", "HR@\(k)", "recall@\(k)", "NDCG@\(k)", "MAP@\(k)", "NDCG@\(report.longK)"]]
            for kind in ModelKind.allCases {
                guard let metrics = report.ranking[kind.rawValue]?[slice.rawValue] else { continue }
                let served = kind.rawValue == report.defaultRanker ? " (served)" : ""
                rows.append([(rankerNames[kind] ?? kind.rawValue) + served, value(metrics.hr), value(metrics.recall),
                             value(metrics.ndcg), value(metrics.map), value(metrics.ndcgLong)])
            }
            lines += align(rows)
        }
        return lines.joined(separator: "\n")
    }

    private static func sliceName(_ slice: EvaluationSlice, _ report: EvalReport) -> String {
        switch slice {
        case .all: return "all users"
        case .coldStart: return "cold-start users (< \(report.coldStartThreshold) training ratings)"
        }
    }

    private static func value(_ summary: EvalReport.Summary) -> String {
        guard summary.mean.isFinite else { return "–" }
        let mean = EpochLine.fixed(summary.mean, 4)
        return summary.values.count > 1 ? "\(mean) ± \(EpochLine.fixed(summary.std, 4))" : mean
    }

    /// Left-aligned first column, right-aligned numbers, two spaces between columns.
    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }
}
