/// Self-attention of whole sequences in one pass per query: scores, softmax and the
/// weighted values for S ≤ a few dozen keys, kept in a small stack of scores instead of
/// per-head gemm calls and materialised masks. Serves the encoder layers after the first,
/// where every token already depends on the candidate.
enum SequenceAttention {
    /// out (B, S, d) from qkv (B, S, 3d); `padding` (S) marks keys no query may attend to.
    static func forward(_ out: UnsafeMutablePointer<Float>, _ qkv: UnsafePointer<Float>, padding: [Bool],
                        _ B: Int, _ S: Int, _ d: Int, _ heads: Int) {
        let hs = d / heads
        let scale = 1 / Float(hs).squareRoot()
        var scores = [Float](repeating: 0, count: S)
        scores.withUnsafeMutableBufferPointer { scores in
            for b in 0..<B {
                let sequence = qkv + b * S * 3 * d
                for h in 0..<heads {
                    for t in 0..<S {
                        let q = sequence + t * 3 * d + h * hs
                        var m = -Float.infinity
                        for j in 0..<S where !padding[j] {
                            let k = sequence + j * 3 * d + d + h * hs
                            var s: Float = 0
                            for c in 0..<hs { s += q[c] * k[c] }
                            scores[j] = s * scale
                            m = max(m, scores[j])
                        }
                        var z: Float = 0
                        let o = out + (b * S + t) * d + h * hs
                        o.update(repeating: 0, count: hs)
                        for j in 0..<S where !padding[j] {
                            let e = Float.exp(scores[j] - m)
                            z += e
                            let v = sequence + j * 3 * d + 2 * d + h * hs
                            for c in 0..<hs { o[c] += e * v[c] }
                        }
                        let inverse = 1 / z
                        for c in 0..<hs { o[c] *= inverse }
                    }
                }
            }
        }
    }
}
