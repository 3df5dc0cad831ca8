import Models
import Ratings

/// The SVG `movierec eval --plot` writes: per-epoch training √MSE and validation RMSE of the
/// runs that chose MF's epoch count (one pair of curves per fold), and a heat map of MF's
/// predictions (rounded to half stars) against the actual held-out ratings, each row
/// normalised to the share of that actual rating.
enum EvalPlot {
    static let width = 1040
    static let height = 460
    private static let trainColour = "#1f77b4"
    private static let validationColour = "#ff7f0e"

    /// `validation` names the ratings the validation curve was measured on.
    static func svg(folds: [FoldEvaluation], title: String, validation: String) -> String {
        var document = SVGDocument(width: width, height: height)
        document.text(title, x: 20, y: 24, size: 14)
        curves(folds, validation: validation, into: &document, frame: Frame(x: 70, y: 60, width: 400, height: 320))
        var histogram = PredictionHistogram()
        for fold in folds { histogram.merge(fold.histogram) }
        heatMap(histogram, into: &document, frame: Frame(x: 600, y: 60, width: 400, height: 320))
        return document.render()
    }

    struct Frame {
        let x: Double
        let y: Double
        let width: Double
        let height: Double
    }

    private static func curves(_ folds: [FoldEvaluation], validation: String, into document: inout SVGDocument,
                               frame: Frame) {
        let series = folds.map { fold in
            (train: fold.epochReports.map { (Double($0.epoch), $0.trainLoss.squareRoot()) },
             validation: fold.epochReports.compactMap { report in report.validation.map { (Double(report.epoch), $0.rmse) } },
             chosen: fold.epochs)
        }
        let values = series.flatMap { $0.train.map(\.1) + $0.validation.map(\.1) }.filter(\.isFinite)
        let epochs = series.flatMap { $0.train.map(\.0) }
        guard let low = values.min(), let high = values.max(), let last = epochs.max() else {
            document.text("no training curves", x: frame.x, y: frame.y + 20)
            return
        }
        let span = max(high - low, 1e-6)
        let bottom = low - 0.05 * span
        let top = high + 0.05 * span
        func point(_ epoch: Double, _ value: Double) -> (x: Double, y: Double) {
            (frame.x + (last > 1 ? (epoch - 1) / (last - 1) : 0.5) * frame.width,
             frame.y + (1 - (value - bottom) / (top - bottom)) * frame.height)
        }
        axes(&document, frame)
        for tick in 0...4 {
            let value = bottom + Double(tick) / 4 * (top - bottom)
            let y = point(1, value).y
            document.line(x1: frame.x - 4, y1: y, x2: frame.x, y2: y)
            document.text(EpochLine.fixed(value, 3), x: frame.x - 6, y: y + 4, size: 11, anchor: .end)
        }
        let step = max(1, Int((last / 10).rounded(.up)))
        for epoch in stride(from: 1, through: Int(last), by: step) {
            let x = point(Double(epoch), bottom).x
            document.line(x1: x, y1: frame.y + frame.height, x2: x, y2: frame.y + frame.height + 4)
            document.text("\(epoch)", x: x, y: frame.y + frame.height + 18, size: 11, anchor: .middle)
        }
        for entry in series {
            document.polyline(entry.train.map { point($0.0, $0.1) }, stroke: trainColour)
            document.polyline(entry.validation.map { point($0.0, $0.1) }, stroke: validationColour, dashed: true)
            if let chosen = entry.validation.first(where: { Int($0.0) == entry.chosen }) {
                let marker = point(chosen.0, chosen.1)
                document.circle(x: marker.x, y: marker.y, radius: 4, fill: validationColour)
            }
        }
        document.text("epoch", x: frame.x + frame.width / 2, y: frame.y + frame.height + 36, anchor: .middle)
        document.text("rating error", x: frame.x - 52, y: frame.y + frame.height / 2, anchor: .middle, rotate: true)
        document.line(x1: frame.x + 10, y1: frame.y - 14, x2: frame.x + 34, y2: frame.y - 14, stroke: trainColour)
        document.text("training √MSE", x: frame.x + 40, y: frame.y - 10, size: 11)
        document.line(x1: frame.x + 150, y1: frame.y - 14, x2: frame.x + 174, y2: frame.y - 14, stroke: validationColour)
        document.text("\(validation) validation RMSE (● kept epoch), \(series.count) run(s)", x: frame.x + 180, y: frame.y - 10, size: 11)
    }

    private static func heatMap(_ histogram: PredictionHistogram, into document: inout SVGDocument, frame: Frame) {
        let actual = histogram.actualValues
        guard let lowest = histogram.predictedValues.first, let highest = histogram.predictedValues.last,
              !actual.isEmpty else {
            document.text("no held-out predictions", x: frame.x, y: frame.y + 20)
            return
        }
        let predicted = stride(from: lowest, through: highest, by: 0.5).map { $0 }
        let cellWidth = frame.width / Double(predicted.count)
        let cellHeight = frame.height / Double(actual.count)
        for (row, value) in actual.reversed().enumerated() {
            let total = predicted.reduce(0) { $0 + histogram.count(actual: value, predicted: $1) }
            let y = frame.y + Double(row) * cellHeight
            document.text(EpochLine.fixed(Double(value), 1), x: frame.x - 6, y: y + cellHeight / 2 + 4, size: 11, anchor: .end)
            for (column, guess) in predicted.enumerated() {
                let share = total == 0 ? 0 : Double(histogram.count(actual: value, predicted: guess)) / Double(total)
                let x = frame.x + Double(column) * cellWidth
                document.rect(x: x, y: y, width: cellWidth - 1, height: cellHeight - 1, fill: "#08519c",
                              opacity: 0.04 + 0.96 * share)
                if share >= 0.01 {
                    document.text("\(Int((share * 100).rounded()))%", x: x + cellWidth / 2, y: y + cellHeight / 2 + 4,
                                  size: 10, anchor: .middle, fill: share > 0.45 ? "white" : "#222")
                }
            }
        }
        for (column, guess) in predicted.enumerated() {
            document.text(EpochLine.fixed(Double(guess), 1), x: frame.x + (Double(column) + 0.5) * cellWidth,
                          y: frame.y + frame.height + 18, size: 11, anchor: .middle)
        }
        document.text("MF prediction (rounded to ½ star)", x: frame.x + frame.width / 2, y: frame.y + frame.height + 36,
                      anchor: .middle)
        document.text("actual held-out rating", x: frame.x - 40, y: frame.y + frame.height / 2, anchor: .middle, rotate: true)
        document.text("share of each actual rating's predictions", x: frame.x, y: frame.y - 10, size: 11)
    }

    private static func axes(_ document: inout SVGDocument, _ frame: Frame) {
        document.line(x1: frame.x, y1: frame.y, x2: frame.x, y2: frame.y + frame.height, stroke: "#444")
        document.line(x1: frame.x, y1: frame.y + frame.height, x2: frame.x + frame.width, y2: frame.y + frame.height,
                      stroke: "#444")
    }
}
