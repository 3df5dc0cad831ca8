import Linalg

/// The iALS objective (see `ImplicitALSConfiguration`) after a movie step, from parts the
/// sweep computes anyway: the rated pairs' a·s² − 2b·s (summed while solving the movies),
/// their constants e, the all-pairs term α₀Σ s² as ⟨α₀XᵀX, α₀YᵀY⟩ / α₀ from
/// the two k × k Gram matrices the steps use (no pass over users × movies), and the
/// regularisation.
struct ImplicitALSObjective {
    /// Σ e over the rated pairs.
    let constant: Double

    init(_ side: ImplicitFeedback.Groups, weights: ImplicitWeights) {
        constant = side.values.reduce(0.0) { $0 + weights.constant($1) }
    }

    /// - Parameters:
    ///   - observed: Σ (a·s² − 2b·s) over the rated pairs.
    ///   - userGram: α₀XᵀX and `itemGram` α₀YᵀY, full k × k; `weight` α₀.
    func value(observed: Double, userGram: [Float], itemGram: [Float], weight: Float,
               users: (Matrix, [Float]), movies: (Matrix, [Float])) -> Double {
        let unobserved = zip(userGram, itemGram).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / Double(weight)
        return observed + constant + unobserved + Self.penalty(users.0, users.1) + Self.penalty(movies.0, movies.1)
    }

    /// Σ_r λ_r |row r|².
    private static func penalty(_ matrix: Matrix, _ regularization: [Float]) -> Double {
        matrix.storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var sum = 0.0
            for row in 0..<matrix.rows {
                let norm = Double(BLAS.norm(matrix.columns, base + row * matrix.columns))
                sum += Double(regularization[row]) * norm * norm
            }
            return sum
        }
    }
}
