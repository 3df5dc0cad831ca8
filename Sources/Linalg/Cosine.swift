/// Cosine similarity over rows of a matrix.
public enum Cosine {
    /// Each row scaled to unit length (zero rows stay zero), so that one gemv against a
    /// normalised query gives every cosine at once.
    public static func normalizedRows(_ matrix: Matrix) -> Matrix {
        var result = matrix
        result.storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<matrix.rows {
                let pointer = base + row * matrix.columns
                let norm = BLAS.norm(matrix.columns, pointer)
                if norm > 0 { BLAS.scale(matrix.columns, alpha: 1 / norm, x: pointer) }
            }
        }
        return result
    }

    /// Cosine of every row of `unitRows` with row `query` of the same matrix, a large matrix
    /// scored on every core.
    public static func similarities(unitRows: Matrix, query: Int) -> [Float] {
        var scores = [Float](repeating: 0, count: unitRows.rows)
        unitRows.storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            scores.withUnsafeMutableBufferPointer { out in
                guard let y = out.baseAddress else { return }
                BLAS.gemvAcrossCores(rows: unitRows.rows, columns: unitRows.columns, a: base, lda: unitRows.columns,
                                     x: base + query * unitRows.columns, y: y)
            }
        }
        return scores
    }
}
