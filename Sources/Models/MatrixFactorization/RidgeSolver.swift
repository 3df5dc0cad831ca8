import Linalg

/// One regularised least-squares problem of biased MF with reusable scratch space:
/// find x = [p; b] minimising Σ_j (y_j − q_j·p − b)² + λ|p|² + λ_b b², given the rows q_j
/// of the fixed side. Builds the normal equations with BLAS (syrk, gemv) and solves them
/// by Cholesky. One solver per thread.
struct RidgeSolver {
    let factors: Int
    private var design: [Float] = []
    private var targets: [Float] = []
    private var normal: [Float]
    private var rhs: [Float]

    init(factors: Int) {
        self.factors = factors
        normal = [Float](repeating: 0, count: (factors + 1) * (factors + 1))
        rhs = [Float](repeating: 0, count: factors + 1)
    }

    /// Returns [p₀ … p_{k−1}, b].
    mutating func solve(count: Int, row: (Int) -> UnsafePointer<Float>, target: (Int) -> Float,
                        regularization: Float, biasRegularization: Float) throws -> [Float] {
        let width = factors + 1
        if design.count < count * width {
            design = [Float](repeating: 0, count: count * width)
            targets = [Float](repeating: 0, count: count)
        }
        let k = factors
        try design.withUnsafeMutableBufferPointer { d in
            try targets.withUnsafeMutableBufferPointer { t in
                try normal.withUnsafeMutableBufferPointer { a in
                    try rhs.withUnsafeMutableBufferPointer { b in
                        guard let dBase = d.baseAddress, let tBase = t.baseAddress,
                              let aBase = a.baseAddress, let bBase = b.baseAddress else { return }
                        for j in 0..<count {
                            let destination = dBase + j * width
                            destination.update(from: row(j), count: k)
                            destination[k] = 1
                            tBase[j] = target(j)
                        }
                        BLAS.gramLower(n: width, rows: count, a: dBase, lda: width, c: aBase, ldc: width)
                        BLAS.gemv(transpose: true, rows: count, columns: width, a: dBase, lda: width,
                                  x: tBase, y: bBase)
                        for i in 0..<k { aBase[i * width + i] += regularization }
                        aBase[k * width + k] += biasRegularization
                        do {
                            try Cholesky.solve(aBase, n: width, b: bBase)
                        } catch {
                            throw MatrixFactorizationError.singularSystem("\(count) ratings, \(error)")
                        }
                    }
                }
            }
        }
        return rhs
    }
}
