/// Rating-prediction error, accumulated in Double so that millions of rows sum exactly
/// enough; MAE, MSE and RMSE as in the reference notebooks.
public struct ErrorMetrics: Sendable, Equatable, Codable {
    public private(set) var count: Int = 0
    private var absoluteSum: Double = 0
    private var squaredSum: Double = 0

    public init() {}

    public mutating func add(predicted: Float, actual: Float) {
        let error = Double(predicted) - Double(actual)
        count += 1
        absoluteSum += abs(error)
        squaredSum += error * error
    }

    public var mae: Double { count == 0 ? .nan : absoluteSum / Double(count) }
    public var mse: Double { count == 0 ? .nan : squaredSum / Double(count) }
    public var rmse: Double { mse.squareRoot() }

    /// Metrics of `predict` over `ratings`.
    public static func measure(_ ratings: [Rating], predict: (Rating) -> Float) -> ErrorMetrics {
        var metrics = ErrorMetrics()
        for rating in ratings { metrics.add(predicted: predict(rating), actual: rating.value) }
        return metrics
    }
}
