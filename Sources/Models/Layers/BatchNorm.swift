import Linalg

/// BatchNorm1d in training mode over inp (N, C): normalises with the batch mean and
/// biased variance (eps 1e-5), keeps mean and rstd (C) for backward, and moves the running
/// statistics by `momentum` with the unbiased variance, as PyTorch does.
func batchNormTrainForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ mean: UnsafeMutablePointer<T>, _ rstd: UnsafeMutablePointer<T>,
    _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>, _ bias: UnsafePointer<T>,
    _ runningMean: UnsafeMutablePointer<T>, _ runningVar: UnsafeMutablePointer<T>,
    _ N: Int, _ C: Int, momentum: T = 0.1, eps: T = 1e-5
) {
    // Column sums read row by row so that memory is walked in order.
    for c in 0..<C { mean[c] = 0; rstd[c] = 0 }
    for n in 0..<N {
        let x = inp + n * C
        for c in 0..<C { mean[c] += x[c] }
    }
    let count = T(N)
    for c in 0..<C { mean[c] /= count }
    for n in 0..<N {
        let x = inp + n * C
        for c in 0..<C { let d = x[c] - mean[c]; rstd[c] += d * d }
    }
    let unbiased = N > 1 ? count / T(N - 1) : 1
    for c in 0..<C {
        let variance = rstd[c] / count
        runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean[c]
        runningVar[c] = (1 - momentum) * runningVar[c] + momentum * variance * unbiased
        rstd[c] = 1 / (variance + eps).squareRoot()
    }
    for n in 0..<N {
        let x = inp + n * C
        let o = out + n * C
        for c in 0..<C { o[c] = (x[c] - mean[c]) * rstd[c] * weight[c] + bias[c] }
    }
}

/// BatchNorm1d in evaluation mode: the running statistics replace the batch's.
func batchNormEvalForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>, _ bias: UnsafePointer<T>,
    _ runningMean: UnsafePointer<T>, _ runningVar: UnsafePointer<T>, _ N: Int, _ C: Int, eps: T = 1e-5
) {
    for n in 0..<N {
        let x = inp + n * C
        let o = out + n * C
        for c in 0..<C {
            o[c] = (x[c] - runningMean[c]) / (runningVar[c] + eps).squareRoot() * weight[c] + bias[c]
        }
    }
}

/// Backward of the training-mode forward. `scratch` holds 2·C values. Accumulates
/// dinp (N, C), dweight (C), dbias (C).
func batchNormBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dweight: UnsafeMutablePointer<T>, _ dbias: UnsafeMutablePointer<T>,
    _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>,
    _ mean: UnsafePointer<T>, _ rstd: UnsafePointer<T>, _ scratch: UnsafeMutablePointer<T>, _ N: Int, _ C: Int
) {
    let sumG = scratch
    let sumGX = scratch + C
    for c in 0..<C { sumG[c] = 0; sumGX[c] = 0 }
    for n in 0..<N {
        let x = inp + n * C
        let g = dout + n * C
        for c in 0..<C {
            sumG[c] += g[c]
            sumGX[c] += g[c] * (x[c] - mean[c]) * rstd[c]
        }
    }
    for c in 0..<C {
        dbias[c] += sumG[c]
        dweight[c] += sumGX[c]
    }
    let count = T(N)
    for n in 0..<N {
        let x = inp + n * C
        let g = dout + n * C
        let d = dinp + n * C
        for c in 0..<C {
            let xhat = (x[c] - mean[c]) * rstd[c]
            d[c] += weight[c] * rstd[c] * (g[c] - sumG[c] / count - xhat * sumGX[c] / count)
        }
    }
}
