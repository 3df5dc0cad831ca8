/// Element-wise kernels of the serving path, single-threaded: a request runs on its own
/// thread and the server runs requests side by side, so these never fan out to the other
/// core as the training kernels (`parallelRanges`) do.
enum InferenceKernels {
    typealias V = SIMD8<Float>

    /// In-place exact GELU over `count` values (the training kernel, one range).
    static func gelu(_ x: UnsafeMutablePointer<Float>, _ count: Int) {
        GELUFloat.forward(x, nil, x, 0..<count)
    }

    /// In-place Mish, x·tanh(softplus(x)), eight lanes at a time. With u = e^{−|x|} ≤ 1,
    /// tanh(softplus(x)) = n/(n + 2) where n = u(u + 2) for x ≤ 0 and, dividing through
    /// by u², (1 + 2u)/(1 + 2u + 2u²) for x > 0: no overflow and no branch.
    static func mish(_ x: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(x + i).storeBytes(of: mish(v), as: V.self)
            i += 8
        }
        if i < count {
            var tail = V(repeating: 0)
            for lane in 0..<(count - i) { tail[lane] = x[i + lane] }
            let result = mish(tail)
            for lane in 0..<(count - i) { x[i + lane] = result[lane] }
        }
    }

    @inline(__always)
    static func mish(_ x: V) -> V {
        let negative = x .<= 0
        let u = GELUFloat.expNegative(x.replacing(with: -x, where: .!negative))
        let n = u * (u + 2)
        let belowZero = n / (n + 2)
        let twoU = 2 * u
        let aboveZero = (1 + twoU) / (1 + twoU + twoU * u)
        return x * aboveZero.replacing(with: belowZero, where: negative)
    }

    /// out (N, C) = LayerNorm(a + b) with eps 1e-5: the post-norm residual of an encoder layer.
    static func residualLayerNorm(
        _ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ weight: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ N: Int, _ C: Int, eps: Float = 1e-5
    ) {
        let count = Float(C)
        for n in 0..<N {
            let x = a + n * C
            let y = b + n * C
            let o = out + n * C
            var sum: Float = 0
            for c in 0..<C {
                let v = x[c] + y[c]
                o[c] = v
                sum += v
            }
            let mean = sum / count
            var squares: Float = 0
            for c in 0..<C {
                let d = o[c] - mean
                squares += d * d
            }
            let rstd = 1 / (squares / count + eps).squareRoot()
            for c in 0..<C { o[c] = (o[c] - mean) * rstd * weight[c] + bias[c] }
        }
    }

    /// out (N, OC) = inp (N, C)·weightᵀ + bias, weight (OC, C) row-major, input rows `ldi`
    /// apart (default C).
    static func linear(
        _ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
        _ bias: UnsafePointer<Float>, _ N: Int, _ C: Int, _ OC: Int, ldi: Int? = nil
    ) {
        let stride = ldi ?? C
        for n in 0..<N { (out + n * OC).update(from: bias, count: OC) }
        if N < gemvRows {
            for n in 0..<N {
                Float.gemv(rows: OC, columns: C, alpha: 1, a: weight, lda: C, x: inp + n * stride, beta: 1, y: out + n * OC)
            }
            return
        }
        Float.gemm(transposeA: false, transposeB: true, m: N, n: OC, k: C, alpha: 1, a: inp, lda: stride,
                   b: weight, ldb: C, beta: 1, c: out, ldc: OC)
    }

    /// Below this many rows `linear` runs a gemv per row: for one candidate's single target
    /// row or head row, sgemm's packing of the whole weight costs more than the product.
    static let gemvRows = 4
}
