extension Cholesky {
    /// Columns per block of `factorBlocked`: the diagonal block is factored by the dot-product
    /// loop, everything else by matrix products, and 128 columns keep that loop's share small.
    public static let blockSize = 128

    /// `factor` for large matrices (thousands of rows, as EASE's movie × movie Gram): the
    /// right-looking blocked algorithm, whose work beyond the diagonal blocks is one triangular
    /// solve (trsm) and one rank-k update (syrk) per block column, so it runs at the speed of
    /// OpenBLAS's matrix products and on all its threads instead of the dot-product loop's
    /// memory-bound pace. Same contract as `factor`: the lower triangle of `a` becomes L.
    public static func factorBlocked(_ a: UnsafeMutablePointer<Float>, n: Int, lda: Int? = nil,
                                     blockSize: Int = blockSize) throws {
        let stride = lda ?? n
        var start = 0
        while start < n {
            let width = min(blockSize, n - start)
            let diagonal = a + start * stride + start
            do {
                try factor(diagonal, n: width, lda: stride)
            } catch Failure.notPositiveDefinite(let pivot) {
                throw Failure.notPositiveDefinite(pivot: start + pivot)
            }
            let below = n - start - width
            if below > 0 {
                // L21 = A21·L11⁻ᵀ, then A22 −= L21·L21ᵀ (lower triangle only).
                let panel = diagonal + width * stride
                BLAS.solveTransposedLowerTriangularOnRight(rows: below, n: width, l: diagonal, ldl: stride,
                                                           b: panel, ldb: stride)
                BLAS.outerLower(n: below, columns: width, alpha: -1, a: panel, lda: stride, beta: 1,
                                c: panel + width, ldc: stride)
            }
            start += width
        }
    }
}
