import Linalg

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

    /// out (N, OC) = inp (N, C)·Wᵀ + bias, where W (OC, C) is `weight` as PyTorch stores it
    /// or, with `transposedWeight`, `weight` holds Wᵀ (C, OC). Rows of `out`, `inp` and
    /// `weight` are `ldo`, `ldi` and `ldw` apart (by default packed), so a block of a layer's
    /// outputs or inputs is a pointer and a stride; no `bias` means none.
    static func linear(
        _ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
        _ bias: UnsafePointer<Float>?, _ N: Int, _ C: Int, _ OC: Int,
        ldi: Int? = nil, ldo: Int? = nil, ldw: Int? = nil, transposedWeight: Bool = false
    ) {
        let ldi = ldi ?? C
        let ldo = ldo ?? OC
        let ldw = ldw ?? (transposedWeight ? OC : C)
        if let bias {
            for n in 0..<N { (out + n * ldo).update(from: bias, count: OC) }
        }
        let beta: Float = bias == nil ? 0 : 1
        guard C > 0 else {
            // BLAS returns early on an empty product and would leave `out` as it was
            if bias == nil { for n in 0..<N { (out + n * ldo).update(repeating: 0, count: OC) } }
            return
        }
        if N < gemvRows {
            for n in 0..<N {
                BLAS.gemv(transpose: transposedWeight, rows: transposedWeight ? C : OC, columns: transposedWeight ? OC : C,
                          a: weight, lda: ldw, x: inp + n * ldi, beta: beta, y: out + n * ldo)
            }
            return
        }
        BLAS.gemm(transposeB: !transposedWeight, m: N, n: OC, k: C, a: inp, lda: ldi, b: weight, ldb: ldw,
                  beta: beta, c: out, ldc: ldo)
    }

    /// Below this many rows `linear` runs a gemv per row: for one candidate's single target
    /// row or head row, sgemm's packing of the whole weight costs more than the product.
    static let gemvRows = 4
}
