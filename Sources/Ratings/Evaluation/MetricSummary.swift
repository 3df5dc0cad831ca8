/// One metric over the folds of an evaluation: the per-fold values, their mean and their
/// sample standard deviation (n − 1 in the denominator; 0 for a single split).
public struct MetricSummary: Sendable, Equatable, Codable {
    public var values: [Double]

    public init(_ values: [Double]) {
        self.values = values
    }

    public var mean: Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    public var standardDeviation: Double {
        guard values.count > 1 else { return 0 }
        let mean = self.mean
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
