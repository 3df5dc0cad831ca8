import Linalg

/// out (N, OC) = inp (N, C) · weightᵀ (weight (OC, C), PyTorch layout) + bias (OC).
func linearForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>,
    _ bias: UnsafePointer<T>?, _ N: Int, _ C: Int, _ OC: Int
) {
    var beta: T = 0
    if let bias {
        for n in 0..<N { (out + n * OC).update(from: bias, count: OC) }
        beta = 1
    }
    if N < linearRowsPerGemm {
        // A few rows (one sequence served): a gemv per row reads the weight without the
        // packing that sgemm pays on every call, which dominates at this size.
        for n in 0..<N {
            T.gemv(rows: OC, columns: C, alpha: 1, a: weight, lda: C, x: inp + n * C, beta: beta, y: out + n * OC)
        }
        return
    }
    T.gemm(transposeA: false, transposeB: true, m: N, n: OC, k: C, alpha: 1, a: inp, lda: C,
           b: weight, ldb: C, beta: beta, c: out, ldc: OC)
}

/// Below this many input rows `linearForward` uses one gemv per row instead of one gemm.
let linearRowsPerGemm = 16

/// Accumulates dinp (N, C) += dout · weight, dweight (OC, C) += doutᵀ · inp and
/// dbias (OC) += Σₙ dout; a nil destination skips that product.
func linearBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>?, _ dweight: UnsafeMutablePointer<T>, _ dbias: UnsafeMutablePointer<T>?,
    _ dout: UnsafePointer<T>, _ inp: UnsafePointer<T>, _ weight: UnsafePointer<T>,
    _ N: Int, _ C: Int, _ OC: Int
) {
    if let dinp {
        T.gemm(transposeA: false, transposeB: false, m: N, n: C, k: OC, alpha: 1, a: dout, lda: OC,
               b: weight, ldb: C, beta: 1, c: dinp, ldc: C)
    }
    T.gemm(transposeA: true, transposeB: false, m: OC, n: C, k: N, alpha: 1, a: dout, lda: OC,
           b: inp, ldb: C, beta: 1, c: dweight, ldc: C)
    if let dbias {
        for n in 0..<N {
            let row = dout + n * OC
            for o in 0..<OC { dbias[o] += row[o] }
        }
    }
}
