import CBLAS

/// Thin, typed entry points to the CBLAS routines movierec uses. Every dense product
/// in the project goes through here, so one place decides row-major conventions.
public enum BLAS {
    /// C = alpha·op(A)·op(B) + beta·C, all row-major. op(A) is m×k, op(B) is k×n.
    @inlinable
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha,
                    a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// y = alpha·op(A)·x + beta·y with A row-major rows×columns.
    @inlinable
    public static func gemv(
        transpose: Bool = false, rows: Int, columns: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                    blasint(rows), blasint(columns), alpha, a, blasint(lda), x, 1, beta, y, 1)
    }

    @inlinable
    public static func dot(_ count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(blasint(count), x, 1, y, 1)
    }

    /// y += alpha·x
    @inlinable
    public static func axpy(_ count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(blasint(count), alpha, x, 1, y, 1)
    }

    @inlinable
    public static func norm(_ count: Int, _ x: UnsafePointer<Float>) -> Float {
        cblas_snrm2(blasint(count), x, 1)
    }

    /// x *= alpha
    @inlinable
    public static func scale(_ count: Int, alpha: Float, x: UnsafeMutablePointer<Float>) {
        cblas_sscal(blasint(count), alpha, x, 1)
    }

    /// Caps OpenBLAS's own thread pool; callers that parallelise themselves set 1.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// Runs `body` with OpenBLAS's pool capped at `count` threads, then restores the cap.
    /// For work that splits itself across threads into many small products: with its pool
    /// free, OpenBLAS hands a product of a few thousand elements to every core and the hand-off
    /// costs more than the product (an iALS epoch over 1M ratings took 6 s instead of 0.6 s).
    public static func withThreads<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let previous = Int(openblas_get_num_threads())
        setThreads(count)
        defer { setThreads(previous) }
        return try body()
    }
}
