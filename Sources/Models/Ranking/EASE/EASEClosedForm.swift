import Linalg

/// EASE's closed form on dense matrices (see `EASEConfiguration`), every O(F³) step a
/// BLAS-3 call: the blocked Cholesky of G + Λ, P = (G + Λ)⁻¹ from two triangular solves
/// against the identity, and for a general model C = P·ZᵀY from two more against ZᵀY.
enum EASEClosedForm {
    /// - Parameters:
    ///   - gram: ZᵀZ over F = c·n features, lower triangle of a row-major F × F matrix;
    ///     consumed (it becomes L).
    ///   - cross: ZᵀY, F × n; empty for Steck's case (one channel, Y = X). Consumed.
    /// - Returns: B, F × n row-major, zero at every (t·n + j, j).
    static func weights(gram: inout [Float], cross: inout [Float], movies n: Int,
                        configuration: EASEConfiguration) throws -> [Float] {
        let channels = configuration.channels.count
        let features = channels * n
        for f in 0..<features {
            let diagonal = f * features + f
            gram[diagonal] += configuration.channels[f / n].regularization + configuration.popularityRegularization * gram[diagonal]
        }
        var inverse = [Float](repeating: 0, count: features * features)
        for f in 0..<features { inverse[f * features + f] = 1 }
        try gram.withUnsafeMutableBufferPointer { l in
            guard let lBase = l.baseAddress else { return }
            do {
                try Cholesky.factorBlocked(lBase, n: features)
            } catch {
                throw RankingModelError.singularSystem("EASE's \(features) × \(features) Gram matrix: \(error)")
            }
            inverse.withUnsafeMutableBufferPointer { p in
                if let pBase = p.baseAddress { solve(l: lBase, n: features, columns: features, into: pBase) }
            }
            // An empty array's base address is shared memory, not nil: test the count.
            guard !cross.isEmpty else { return }
            cross.withUnsafeMutableBufferPointer { c in
                if let cBase = c.baseAddress { solve(l: lBase, n: features, columns: n, into: cBase) }
            }
        }
        guard !cross.isEmpty else {
            // One channel, Y = X: B_ij = −P_ij / P_jj.
            let pivots = (0..<n).map { inverse[$0 * n + $0] }
            for i in 0..<n {
                for j in 0..<n { inverse[i * n + j] = i == j ? 0 : -inverse[i * n + j] / pivots[j] }
            }
            return inverse
        }
        try constrain(&cross, inverse: inverse, movies: n, channels: channels)
        return cross
    }

    /// C ← C − P[:, S_j]·m_j column by column, m_j = P[S_j, S_j]⁻¹·C[S_j, j]: the multipliers
    /// that zero B on S_j = {t·n + j}.
    private static func constrain(_ c: inout [Float], inverse p: [Float], movies n: Int, channels: Int) throws {
        let features = channels * n
        var multipliers = [Float](repeating: 0, count: n * channels)
        for j in 0..<n {
            let set = (0..<channels).map { $0 * n + j }
            let block = set.flatMap { row in set.map { p[row * features + $0] } }
            let solved = try Cholesky.solve(block, n: channels, b: set.map { c[$0 * n + j] })
            for t in 0..<channels { multipliers[j * channels + t] = solved[t] }
        }
        for f in 0..<features {
            for j in 0..<n {
                var value = c[f * n + j]
                for t in 0..<channels { value -= p[f * features + t * n + j] * multipliers[j * channels + t] }
                c[f * n + j] = f % n == j ? 0 : value
            }
        }
    }

    /// M ← (L·Lᵀ)⁻¹·M in place, M n × columns.
    private static func solve(l: UnsafePointer<Float>, n: Int, columns: Int, into m: UnsafeMutablePointer<Float>) {
        BLAS.solveLowerTriangular(n: n, columns: columns, l: l, ldl: n, b: m, ldb: columns)
        BLAS.solveLowerTriangular(transpose: true, n: n, columns: columns, l: l, ldl: n, b: m, ldb: columns)
    }
}
