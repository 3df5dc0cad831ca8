import Linalg

/// Exact GELU, x·Φ(x) with Φ through erf, as PyTorch's default `approximate="none"`.
func geluForward<T: BLASScalar>(_ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int) {
    let invSqrt2 = 1 / T(2).squareRoot()
    for i in 0..<count {
        let x = inp[i]
        out[i] = x * (1 + T.erf(x * invSqrt2)) / 2
    }
}

/// dinp += dout · (Φ(x) + x·φ(x)).
func geluBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ count: Int
) {
    let invSqrt2 = 1 / T(2).squareRoot()
    let invSqrt2Pi = 1 / (2 * T.pi).squareRoot()
    for i in 0..<count {
        let x = inp[i]
        let cdf = (1 + T.erf(x * invSqrt2)) / 2
        let pdf = T.exp(-x * x / 2) * invSqrt2Pi
        dinp[i] += dout[i] * (cdf + x * pdf)
    }
}

/// Mish, x·tanh(softplus(x)), as `nn.Mish`.
func mishForward<T: BLASScalar>(_ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int) {
    for i in 0..<count {
        let x = inp[i]
        out[i] = x * T.tanh(T.log1p(T.exp(x)))
    }
}

/// dinp += dout · (tanh(sp) + x·σ(x)·(1 − tanh²(sp))), sp = softplus(x).
func mishBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ count: Int
) {
    for i in 0..<count {
        let x = inp[i]
        let t = T.tanh(T.log1p(T.exp(x)))
        let sigmoid = 1 / (1 + T.exp(-x))
        dinp[i] += dout[i] * (t + x * sigmoid * (1 - t * t))
    }
}

/// out = low + (high − low)·σ(x): the notebook's sigmoid scaled to the rating range.
func sigmoidRangeForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int, low: T, high: T
) {
    for i in 0..<count { out[i] = low + (high - low) / (1 + T.exp(-inp[i])) }
}

/// dinp += dout · (high − low)·σ(x)·(1 − σ(x)).
func sigmoidRangeBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ count: Int,
    low: T, high: T
) {
    for i in 0..<count {
        let s = 1 / (1 + T.exp(-inp[i]))
        dinp[i] += dout[i] * (high - low) * s * (1 - s)
    }
}

/// Mean squared error over `count` predictions.
func mseForward<T: BLASScalar>(_ predictions: UnsafePointer<T>, _ targets: UnsafePointer<T>, _ count: Int) -> T {
    var sum: T = 0
    for i in 0..<count { let d = predictions[i] - targets[i]; sum += d * d }
    return sum / T(count)
}

/// dpredictions += dloss · 2(p − y)/count.
func mseBackward<T: BLASScalar>(
    _ dpredictions: UnsafeMutablePointer<T>, _ predictions: UnsafePointer<T>, _ targets: UnsafePointer<T>,
    _ count: Int, dloss: T = 1
) {
    let scale = 2 * dloss / T(count)
    for i in 0..<count { dpredictions[i] += scale * (predictions[i] - targets[i]) }
}
