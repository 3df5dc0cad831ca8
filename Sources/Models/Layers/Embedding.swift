import Linalg

/// Row lookup: out (N, C) = table[indices[n]] (or += when `accumulate`, so that movie,
/// rating and position embeddings can be summed into one token buffer without a copy).
func embeddingForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ indices: UnsafePointer<Int32>, _ table: UnsafePointer<T>,
    _ N: Int, _ C: Int, accumulate: Bool = false, outStride: Int? = nil
) {
    let stride = outStride ?? C
    for n in 0..<N {
        let row = table + Int(indices[n]) * C
        let o = out + n * stride
        if accumulate {
            for c in 0..<C { o[c] += row[c] }
        } else {
            o.update(from: row, count: C)
        }
    }
}

/// dtable[indices[n]] += dout[n] (dout (N, C)); rows equal to `paddingIndex` get no
/// gradient, as PyTorch's `nn.Embedding(padding_idx:)`.
func embeddingBackward<T: BLASScalar>(
    _ dtable: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ indices: UnsafePointer<Int32>,
    _ N: Int, _ C: Int, paddingIndex: Int32? = nil, doutStride: Int? = nil
) {
    let stride = doutStride ?? C
    for n in 0..<N {
        let index = indices[n]
        if index == paddingIndex { continue }
        let d = dtable + Int(index) * C
        let g = dout + n * stride
        for c in 0..<C { d[c] += g[c] }
    }
}
