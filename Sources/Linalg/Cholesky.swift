/// Symmetric positive-definite solves for the small (factors × factors) systems of
/// regularised least squares: ALS sweeps and folding a new user into a trained model.
public enum Cholesky {
    public enum Failure: Error, Equatable {
        /// The matrix is not (numerically) positive definite at this pivot.
        case notPositiveDefinite(pivot: Int)
    }

    /// Overwrites the lower triangle of the row-major n×n `a` (rows `lda` apart) with L such
    /// that A = L·Lᵀ. Only the lower triangle of `a` is read. Inner products go through BLAS.
    public static func factor(_ a: UnsafeMutablePointer<Float>, n: Int, lda: Int? = nil) throws {
        let stride = lda ?? n
        for j in 0..<n {
            let rowJ = a + j * stride
            let diagonal = rowJ[j] - BLAS.dot(j, rowJ, rowJ)
            guard diagonal > 0, diagonal.isFinite else { throw Failure.notPositiveDefinite(pivot: j) }
            let pivot = diagonal.squareRoot()
            rowJ[j] = pivot
            for i in (j + 1)..<n {
                let rowI = a + i * stride
                rowI[j] = (rowI[j] - BLAS.dot(j, rowI, rowJ)) / pivot
            }
        }
    }

    /// Solves A·x = b in place of `b`, destroying the lower triangle of `a`.
    public static func solve(_ a: UnsafeMutablePointer<Float>, n: Int, b: UnsafeMutablePointer<Float>) throws {
        try factor(a, n: n)
        BLAS.solveLowerTriangular(n: n, l: a, ldl: n, x: b)
        BLAS.solveLowerTriangular(transpose: true, n: n, l: a, ldl: n, x: b)
    }

    /// Array convenience: x solving A·x = b for a full row-major n×n A.
    public static func solve(_ a: [Float], n: Int, b: [Float]) throws -> [Float] {
        precondition(a.count == n * n && b.count == n, "A must be n×n and b of length n")
        var matrix = a
        var x = b
        try matrix.withUnsafeMutableBufferPointer { m in
            try x.withUnsafeMutableBufferPointer { v in
                guard let mp = m.baseAddress, let vp = v.baseAddress else { return }
                try solve(mp, n: n, b: vp)
            }
        }
        return x
    }
}
