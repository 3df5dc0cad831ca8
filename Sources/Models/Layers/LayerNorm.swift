import Linalg

/// Layer norm over the last axis, eps 1e-5 (PyTorch's default):
/// out (N, C) = (inp − mean)·rstd·weight + bias; mean and rstd (N) are kept for backward.
func layerNormForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ mean: UnsafeMutablePointer<T>, _ rstd: UnsafeMutablePointer<T>,
    _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>, _ bias: UnsafePointer<T>, _ N: Int, _ C: Int,
    eps: T = 1e-5
) {
    let count = T(C)
    for n in 0..<N {
        let x = inp + n * C
        var m: T = 0
        for c in 0..<C { m += x[c] }
        m /= count
        var v: T = 0
        for c in 0..<C { let d = x[c] - m; v += d * d }
        v /= count
        let s = 1 / (v + eps).squareRoot()
        let o = out + n * C
        for c in 0..<C { o[c] = (x[c] - m) * s * weight[c] + bias[c] }
        mean[n] = m
        rstd[n] = s
    }
}

/// Accumulates dinp (N, C), dweight (C) and dbias (C) from dout (N, C).
func layerNormBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dweight: UnsafeMutablePointer<T>, _ dbias: UnsafeMutablePointer<T>,
    _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>,
    _ mean: UnsafePointer<T>, _ rstd: UnsafePointer<T>, _ N: Int, _ C: Int
) {
    let count = T(C)
    for n in 0..<N {
        let x = inp + n * C
        let g = dout + n * C
        let m = mean[n]
        let s = rstd[n]
        var meanG: T = 0
        var meanGX: T = 0
        for c in 0..<C {
            let xhat = (x[c] - m) * s
            let dnorm = weight[c] * g[c]
            meanG += dnorm
            meanGX += dnorm * xhat
        }
        meanG /= count
        meanGX /= count
        let d = dinp + n * C
        for c in 0..<C {
            let xhat = (x[c] - m) * s
            dbias[c] += g[c]
            dweight[c] += xhat * g[c]
            d[c] += (weight[c] * g[c] - meanG - xhat * meanGX) * s
        }
    }
}
