import Models

/// The one-line progress report `movierec train` prints per epoch.
enum EpochLine {
    static func format(_ report: EpochReport) -> String {
        var line = "epoch \(report.epoch): train MSE \(fixed(report.trainLoss, 4))"
        if let validation = report.validation {
            line += " | val MAE \(fixed(validation.mae, 4)) MSE \(fixed(validation.mse, 4)) RMSE \(fixed(validation.rmse, 4))"
        }
        if let baseline = report.baseline {
            line += " | median MAE \(fixed(baseline.mae, 4)) RMSE \(fixed(baseline.rmse, 4))"
        }
        line += " | \(fixed(report.seconds, 4)) s"
        if report.isBest && report.validation != nil { line += " *" }
        return line
    }

    static func format(_ report: TransformerEpochReport) -> String {
        let validation = report.validation
        return "transformer epoch \(report.epoch): train MSE \(fixed(report.trainLoss, 4))"
            + " | val MAE \(fixed(validation.mae, 4)) MSE \(fixed(validation.mse, 4)) RMSE \(fixed(validation.rmse, 4))"
            + " | \(fixed(report.trainSeconds, 1)) s, \(Int(report.sequencesPerSecond)) sequences/s"
    }

    static func format(_ report: RankingEpochReport, kind: String) -> String {
        var line = "\(kind) epoch \(report.epoch): loss \(fixed(report.loss, 4))"
        if let validation = report.validation { line += " | val " + ranking(validation) }
        line += " | \(fixed(report.seconds, 4)) s"
        if report.isBest && report.validation != nil { line += " *" }
        return line
    }

    /// `HR@10 0.8123 NDCG@10 0.3456 (943 users)`.
    static func ranking(_ scores: RankingValidationScores) -> String {
        "HR@\(scores.k) \(fixed(scores.hitRate, 4)) NDCG@\(scores.k) \(fixed(scores.ndcg, 4)) (\(scores.users) users)"
    }

    /// `value` with `digits` decimals, without String(format:).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        let whole = Int(rounded / scale)
        var fraction = String(Int(rounded.truncatingRemainder(dividingBy: scale)))
        while fraction.count < digits { fraction = "0" + fraction }
        return (value < 0 && rounded != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? ".\(fraction)" : "")
    }
}
