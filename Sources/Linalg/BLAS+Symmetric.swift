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

    /// Solves L·x = b (or Lᵀ·x = b when `transpose`) in place for a row-major lower-triangular L.
    @inlinable
    public static func solveLowerTriangular(
        transpose: Bool = false, n: Int, l: UnsafePointer<Float>, ldl: Int, x: UnsafeMutablePointer<Float>
    ) {
        cblas_strsv(CblasRowMajor, CblasLower, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                    blasint(n), l, blasint(ldl), x, 1)
    }
}
