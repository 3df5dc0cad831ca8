import Linalg

/// Exact GELU, x·Φ(x) with Φ through erf, as PyTorch's default `approximate="none"`.
func geluForward<T: BLASScalar>(_ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int) {
    if T.self == Float.self {
        let o = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
        let x = UnsafeRawPointer(inp).assumingMemoryBound(to: Float.self)
        parallelRanges(count) { GELUFloat.forward(o, nil, x, $0) }
        return
    }
    let invSqrt2 = 1 / T(2).squareRoot()
    parallelRanges(count) { range in
        for i in range {
            let x = inp[i]
            out[i] = x * (1 + erfKernel(x * invSqrt2)) / 2
        }
    }
}

/// GELU that also stores its derivative Φ(x) + x·φ(x) (count values), so that the
/// training backward pass is one multiply per element instead of another erf.
func geluForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, derivative: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int
) {
    if T.self == Float.self {
        let o = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
        let d = UnsafeMutableRawPointer(derivative).assumingMemoryBound(to: Float.self)
        let x = UnsafeRawPointer(inp).assumingMemoryBound(to: Float.self)
        parallelRanges(count) { GELUFloat.forward(o, d, x, $0) }
        return
    }
    let invSqrt2 = 1 / T(2).squareRoot()
    let invSqrt2Pi = 1 / (2 * T.pi).squareRoot()
    parallelRanges(count) { range in
        for i in range {
            let x = inp[i]
            let cdf = (1 + erfKernel(x * invSqrt2)) / 2
            out[i] = x * cdf
            derivative[i] = cdf + x * T.exp(-x * x / 2) * invSqrt2Pi
        }
    }
}

/// dinp += dout · (Φ(x) + x·φ(x)).
func geluBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ count: Int
) {
    let invSqrt2 = 1 / T(2).squareRoot()
    let invSqrt2Pi = 1 / (2 * T.pi).squareRoot()
    parallelRanges(count) { range in
        for i in range {
            let x = inp[i]
            let cdf = (1 + erfKernel(x * invSqrt2)) / 2
            let pdf = T.exp(-x * x / 2) * invSqrt2Pi
            dinp[i] += dout[i] * (cdf + x * pdf)
        }
    }
}

/// dinp += dout · derivative, with the derivative stored by the forward pass.
func geluBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, derivative: UnsafePointer<T>, _ count: Int
) {
    parallelRanges(count) { range in
        for i in range { dinp[i] += dout[i] * derivative[i] }
    }
}

/// erf: libm's in Double (the finite-difference reference); in Float a branch-free odd
/// rational approximation x·P(x²)/Q(x²) on [−4, 4] (the minimax form used by Eigen/XLA,
/// max absolute error 4e-7, about 6 ulp near ±1), which the compiler can vectorise.
@inline(__always)
func erfKernel<T: BLASScalar>(_ x: T) -> T {
    guard T.self == Float.self else { return T.erf(x) }
    let v = min(max(x, -4), 4)
    let v2 = v * v
    var p: T = -2.72614225801306e-10
    p = p * v2 + 2.77068142495902e-08
    p = p * v2 - 2.10102402082508e-06
    p = p * v2 - 5.69250639462346e-05
    p = p * v2 - 7.34990630326855e-04
    p = p * v2 - 2.95459980854025e-03
    p = p * v2 - 1.60960333262415e-02
    var q: T = -1.45660718464996e-05
    q = q * v2 - 2.13374055278905e-04
    q = q * v2 - 1.68282697438203e-03
    q = q * v2 - 7.37332916720468e-03
    q = q * v2 - 1.42647390514189e-02
    return v * p / q
}

/// Mish, x·tanh(softplus(x)), as `nn.Mish`, with one exponential: for e = eˣ,
/// tanh(log(1 + e)) = n/(n + 2) where n = e·(e + 2). Beyond x = 20 it is x to Float precision.
func mishForward<T: BLASScalar>(_ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int) {
    parallelRanges(count) { range in
        for i in range {
            let x = inp[i]
            if x > 20 { out[i] = x; continue }
            let e = T.exp(x)
            let n = e * (e + 2)
            out[i] = x * n / (n + 2)
        }
    }
}

/// dinp += dout · (tanh(sp) + x·σ(x)·(1 − tanh²(sp))), sp = softplus(x).
func mishBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ count: Int
) {
    parallelRanges(count) { range in
        for i in range {
            let x = inp[i]
            if x > 20 { dinp[i] += dout[i]; continue }
            let e = T.exp(x)
            let n = e * (e + 2)
            let t = n / (n + 2)
            let sigmoid = e / (1 + e)
            dinp[i] += dout[i] * (t + x * sigmoid * (1 - t * t))
        }
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
