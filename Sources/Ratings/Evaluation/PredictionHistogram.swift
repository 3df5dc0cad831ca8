/// Counts of (actual rating, predicted rating) pairs, the predicted value rounded to the
/// nearest half star: the data of a predicted-versus-actual plot.
public struct PredictionHistogram: Sendable, Equatable {
    /// counts[actual][predicted], both keyed by half stars (value × 2, rounded).
    public private(set) var counts: [Int: [Int: Int]] = [:]

    public init() {}

    public mutating func add(predicted: Float, actual: Float) {
        let row = Int((actual * 2).rounded())
        let column = Int((predicted * 2).rounded())
        counts[row, default: [:]][column, default: 0] += 1
    }

    /// Merges another histogram (another fold) into this one.
    public mutating func merge(_ other: PredictionHistogram) {
        for (row, columns) in other.counts {
            for (column, count) in columns { counts[row, default: [:]][column, default: 0] += count }
        }
    }

    /// Actual values present, in stars, ascending.
    public var actualValues: [Float] { counts.keys.sorted().map { Float($0) / 2 } }

    /// Predicted values present in any row, in stars, ascending.
    public var predictedValues: [Float] {
        Set(counts.values.flatMap(\.keys)).sorted().map { Float($0) / 2 }
    }

    public func count(actual: Float, predicted: Float) -> Int {
        counts[Int((actual * 2).rounded())]?[Int((predicted * 2).rounded())] ?? 0
    }
}
