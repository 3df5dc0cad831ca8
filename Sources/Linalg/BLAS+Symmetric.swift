import CBLAS

extension BLAS {
    /// C = alpha·AᵀA + beta·C for row-major A (rows×n); only the lower triangle of the n×n
    /// C is written. The normal equations of least squares are built with it.
    @inlinable
    public static func gramLower(
        n: Int, rows: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_ssyrk(CblasRowMajor, CblasLower, CblasTrans, blasint(n), blasint(rows),
                    alpha, a, blasint(lda), beta, c, blasint(ldc))
    }

    /// C = alpha·A·Aᵀ + beta·C for row-major A (n×columns); only the lower triangle of the
    /// n×n C is written. A blocked Cholesky's trailing update is this with alpha −1.
    @inlinable
    public static func outerLower(
        n: Int, columns: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_ssyrk(CblasRowMajor, CblasLower, CblasNoTrans, blasint(n), blasint(columns),
                    alpha, a, blasint(lda), beta, c, blasint(ldc))
    }

    /// Solves L·x = b (or Lᵀ·x = b when `transpose`) in place for a row-major lower-triangular L.
    @inlinable
    public static func solveLowerTriangular(
        transpose: Bool = false, n: Int, l: UnsafePointer<Float>, ldl: Int, x: UnsafeMutablePointer<Float>
    ) {
        cblas_strsv(CblasRowMajor, CblasLower, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                    blasint(n), l, blasint(ldl), x, 1)
    }

    /// Solves op(L)·X = B in place of the row-major n×columns B, L lower-triangular n×n:
    /// many right-hand sides at once, at matrix-product speed.
    @inlinable
    public static func solveLowerTriangular(
        transpose: Bool = false, n: Int, columns: Int, l: UnsafePointer<Float>, ldl: Int,
        b: UnsafeMutablePointer<Float>, ldb: Int
    ) {
        cblas_strsm(CblasRowMajor, CblasLeft, CblasLower, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                    blasint(n), blasint(columns), 1, l, blasint(ldl), b, blasint(ldb))
    }

    /// Solves X·Lᵀ = B in place of the row-major rows×n B, L lower-triangular n×n: the panel
    /// step of a blocked Cholesky.
    @inlinable
    public static func solveTransposedLowerTriangularOnRight(
        rows: Int, n: Int, l: UnsafePointer<Float>, ldl: Int, b: UnsafeMutablePointer<Float>, ldb: Int
    ) {
        cblas_strsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit,
                    blasint(rows), blasint(n), 1, l, blasint(ldl), b, blasint(ldb))
    }
}
