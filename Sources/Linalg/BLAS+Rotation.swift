import CBLAS

extension BLAS {
    /// Applies the 2×2 map [x; y] ← [h11 h12; h21 h22]·[x; y] elementwise to two vectors in
    /// one call (BLAS `srotm` with a full matrix). An SGD step of matrix factorization,
    /// p ← a·p + b·q and q ← b·p + a·q from the old p and q, is exactly this, with no copy.
    @inlinable
    public static func linearCombine(
        _ count: Int, x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>,
        h11: Float, h12: Float, h21: Float, h22: Float
    ) {
        // A homogeneous tuple is laid out contiguously: srotm's flag and column-major H without a heap allocation.
        var parameters: (Float, Float, Float, Float, Float) = (-1, h11, h21, h12, h22)
        withUnsafePointer(to: &parameters) { tuple in
            tuple.withMemoryRebound(to: Float.self, capacity: 5) { cblas_srotm(blasint(count), x, 1, y, 1, $0) }
        }
    }
}
