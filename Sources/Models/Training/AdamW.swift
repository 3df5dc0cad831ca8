import Linalg

/// AdamW with PyTorch's semantics (`torch.optim.AdamW`): decoupled weight decay
/// p ← p·(1 − lr·λ), then the bias-corrected Adam step with ε added after the square root.
/// It walks the parameter table once, skipping non-trainable entries (running statistics).
public struct AdamW<T: BLASScalar> {
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0.01
    public private(set) var step = 0
    private var firstMoment: [T]
    private var secondMoment: [T]
    private let ranges: [Range<Int>]

    /// `table` decides which slices of the flat buffer are optimised.
    public init(table: ParameterTable, weightDecay: Double = 0.01) {
        self.weightDecay = weightDecay
        firstMoment = [T](repeating: 0, count: table.totalCount)
        secondMoment = [T](repeating: 0, count: table.totalCount)
        ranges = table.entries.filter(\.trainable).map { $0.offset..<($0.offset + $0.count) }
    }

    /// One update of `parameters` from `gradients` (both laid out by the table) at `learningRate`.
    public mutating func update(parameters: UnsafeMutablePointer<T>, gradients: UnsafePointer<T>, learningRate: Double) {
        step += 1
        let decay = T(1 - learningRate * weightDecay)
        let b1 = T(beta1), b2 = T(beta2)
        let stepSize = T(learningRate / (1 - integerPower(beta1, step)))
        let correction2 = T((1 - integerPower(beta2, step)).squareRoot())
        let eps = T(epsilon)
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                for range in ranges {
                    for i in range {
                        let g = gradients[i]
                        parameters[i] *= decay
                        m[i] = b1 * m[i] + (1 - b1) * g
                        v[i] = b2 * v[i] + (1 - b2) * g * g
                        parameters[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2 + eps)
                    }
                }
            }
        }
    }
}

@inline(__always)
private func integerPower(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= base }
    return result
}
