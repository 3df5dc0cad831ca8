import Linalg

/// One row's least-squares problem of iALS, with scratch space reused from row to row (one
/// solver per thread). For a row x (a user, or a movie) whose entries j pair it with fixed
/// rows f_j of the other side, it minimises
///
///     Σ_j [a_j (f_jᵀx)² − 2 b_j f_jᵀx] + xᵀ(α₀G)x + λ|x|²,
///
/// the row's part of the iALS objective without its constants (`ImplicitWeights` gives a_j
/// and b_j; α₀G is the all-pairs weight times the Gram matrix of the whole fixed side,
/// shared by every row). Its normal equations: (α₀G + Σ_j a_j f_j f_jᵀ + λI) x = Σ_j b_j f_j.
///
/// Two ways to solve them:
/// - `solveExactly`: build the k × k system (syrk over the rows scaled by √a_j) and factor
///   it, O(n k² + k³) for n entries;
/// - `refine`: conjugate-gradient steps from the current x, each applying the system matrix
///   implicitly (two gemv over the n rows and one with α₀G), O(n k + k²) per step
///   (Takács, Pilászy and Tikk 2011; implicit's CG solver). From the previous epoch's x a few
///   steps come close to the exact solution.
///
/// The fixed rows are first gathered into one contiguous block, so their random reads are
/// paid once per row, and every product runs from cache through CBLAS.
final class ImplicitRowSolver {
    /// One row's problem, as pointers into the caller's arrays.
    struct Problem {
        let count: Int
        /// Entry j's row in `fixed`.
        let others: UnsafePointer<Int32>
        /// The fixed side, rows of k floats.
        let fixed: UnsafePointer<Float>
        /// a_j and b_j.
        let gramWeights: UnsafePointer<Float>
        let targetWeights: UnsafePointer<Float>
        /// α₀G, a full symmetric row-major k × k matrix.
        let scaledGram: UnsafePointer<Float>
        let regularization: Float
    }

    let factors: Int
    private var capacity = 0
    /// The last problem's fixed rows, count × k; `scaledRows` holds them times √a_j.
    private var rows: UnsafeMutablePointer<Float>
    private var scaledRows: UnsafeMutablePointer<Float>
    private var products: UnsafeMutablePointer<Float>
    private let system: UnsafeMutablePointer<Float>
    private let residual: UnsafeMutablePointer<Float>
    private let direction: UnsafeMutablePointer<Float>
    private let applied: UnsafeMutablePointer<Float>

    init(factors: Int) {
        self.factors = factors
        rows = .allocate(capacity: 1)
        scaledRows = .allocate(capacity: 1)
        products = .allocate(capacity: 1)
        system = .allocate(capacity: factors * factors)
        residual = .allocate(capacity: factors)
        direction = .allocate(capacity: factors)
        applied = .allocate(capacity: factors)
    }

    deinit {
        rows.deallocate()
        scaledRows.deallocate()
        products.deallocate()
        system.deallocate()
        residual.deallocate()
        direction.deallocate()
        applied.deallocate()
    }

    /// Overwrites `x` with the exact minimiser (zero for a row without entries).
    func solveExactly(_ problem: Problem, x: UnsafeMutablePointer<Float>) throws {
        let k = factors
        guard gather(problem) else { return x.update(repeating: 0, count: k) }
        BLAS.gemv(transpose: true, rows: problem.count, columns: k, a: rows, lda: k, x: problem.targetWeights, y: x)
        for j in 0..<problem.count {
            let scale = problem.gramWeights[j].squareRoot()
            let from = rows + j * k, to = scaledRows + j * k
            for f in 0..<k { to[f] = scale * from[f] }
        }
        system.update(from: problem.scaledGram, count: k * k)
        for i in 0..<k { system[i * k + i] += problem.regularization }
        BLAS.gramLower(n: k, rows: problem.count, a: scaledRows, lda: k, beta: 1, c: system, ldc: k)
        do {
            try Cholesky.solve(system, n: k, b: x)
        } catch {
            throw RankingModelError.singularSystem("a row of \(problem.count) ratings: \(error)")
        }
    }

    /// Moves `x` towards the minimiser by at most `steps` conjugate-gradient steps, stopping
    /// early once the residual vanishes (a row without entries goes straight to zero).
    func refine(_ problem: Problem, x: UnsafeMutablePointer<Float>, steps: Int) {
        let k = factors
        guard gather(problem) else { return x.update(repeating: 0, count: k) }
        // residual = b − A·x, A·x = Fᵀ(a ∘ Fx) + α₀Gx + λx
        BLAS.gemv(rows: problem.count, columns: k, a: rows, lda: k, x: x, y: products)
        for j in 0..<problem.count { products[j] = problem.targetWeights[j] - problem.gramWeights[j] * products[j] }
        BLAS.gemv(transpose: true, rows: problem.count, columns: k, a: rows, lda: k, x: products, y: residual)
        BLAS.gemv(rows: k, columns: k, alpha: -1, a: problem.scaledGram, lda: k, x: x, beta: 1, y: residual)
        BLAS.axpy(k, alpha: -problem.regularization, x: x, y: residual)
        direction.update(from: residual, count: k)
        var squaredNorm = BLAS.dot(k, residual, residual)
        for _ in 0..<steps where squaredNorm > Self.vanishing {
            apply(problem, to: direction, into: applied)
            let curvature = BLAS.dot(k, direction, applied)
            guard curvature > 0 else { return }
            let step = squaredNorm / curvature
            BLAS.axpy(k, alpha: step, x: direction, y: x)
            BLAS.axpy(k, alpha: -step, x: applied, y: residual)
            let next = BLAS.dot(k, residual, residual)
            // direction = residual + (next / squaredNorm)·direction
            BLAS.scale(k, alpha: next / squaredNorm, x: direction)
            BLAS.axpy(k, alpha: 1, x: residual, y: direction)
            squaredNorm = next
        }
    }

    /// Σ_j [a_j s_j² − 2 b_j s_j] with s_j = f_jᵀx, the row's observed part of the objective,
    /// for the problem solved last (its rows are still gathered).
    func observedLoss(_ problem: Problem, x: UnsafePointer<Float>) -> Double {
        guard problem.count > 0 else { return 0 }
        BLAS.gemv(rows: problem.count, columns: factors, a: rows, lda: factors, x: x, y: products)
        var sum = 0.0
        for j in 0..<problem.count {
            let score = Double(products[j])
            sum += (Double(problem.gramWeights[j]) * score - 2 * Double(problem.targetWeights[j])) * score
        }
        return sum
    }

    /// Below this squared residual norm a CG step would divide rounding noise.
    private static let vanishing: Float = 1e-20

    /// out = (Fᵀ diag(a) F + α₀G + λI)·v
    private func apply(_ problem: Problem, to v: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let k = factors
        BLAS.gemv(rows: problem.count, columns: k, a: rows, lda: k, x: v, y: products)
        for j in 0..<problem.count { products[j] *= problem.gramWeights[j] }
        BLAS.gemv(transpose: true, rows: problem.count, columns: k, a: rows, lda: k, x: products, y: out)
        BLAS.gemv(rows: k, columns: k, a: problem.scaledGram, lda: k, x: v, beta: 1, y: out)
        BLAS.axpy(k, alpha: problem.regularization, x: v, y: out)
    }

    /// Copies the problem's fixed rows into one contiguous count × k block; false when the
    /// row has no entries.
    private func gather(_ problem: Problem) -> Bool {
        let k = factors
        guard problem.count > 0 else { return false }
        if problem.count > capacity {
            capacity = max(problem.count, capacity * 2)
            for buffer in [rows, scaledRows, products] { buffer.deallocate() }
            rows = .allocate(capacity: capacity * k)
            scaledRows = .allocate(capacity: capacity * k)
            products = .allocate(capacity: capacity)
        }
        for j in 0..<problem.count {
            (rows + j * k).update(from: problem.fixed + Int(problem.others[j]) * k, count: k)
        }
        return true
    }
}
