import Linalg

/// Causal self-attention of the last of `T_` slots alone, in eval mode (no dropout): out (C)
/// is what row T_−1 of `attentionForward(causal: true)` gives for a sequence with no PAD
/// slot, read from qkv (T_, 3C) laid out as there. A model that scores only what follows
/// its newest slot needs every slot's keys and values but this one query; `scores` holds
/// T_ values.
func lastQueryAttentionForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ scores: UnsafeMutablePointer<T>, _ qkv: UnsafePointer<T>,
    _ T_: Int, _ C: Int, _ NH: Int
) {
    let hs = C / NH
    let c3 = 3 * C
    let query = qkv + (T_ - 1) * c3
    for h in 0..<NH {
        let k = qkv + C + h * hs
        let v = qkv + 2 * C + h * hs
        T.gemv(rows: T_, columns: hs, alpha: 1 / T(hs).squareRoot(), a: k, lda: c3, x: query + h * hs,
               beta: 0, y: scores)
        let normalizer = softmaxInPlace(scores, T_, maximum: rowMaximum(scores, T_))
        T.gemm(transposeA: false, transposeB: false, m: 1, n: hs, k: T_, alpha: 1 / normalizer, a: scores, lda: T_,
               b: v, ldb: c3, beta: 0, c: out + h * hs, ldc: C)
    }
}
