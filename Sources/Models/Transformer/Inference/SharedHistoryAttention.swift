/// The first encoder layer's self-attention for many candidate targets behind one shared
/// history, exact but without redoing the history's part per candidate.
///
/// A history query i attends to the S − 1 history keys (shared) and to the target key
/// (per candidate). With the history's own softmax kept as its maximum mᵢ, sum Zᵢ and
/// normalised output Aᵢ (per head), adding the target key with score s gives
/// m′ = max(mᵢ, s), weights w_H = Zᵢ·e^{mᵢ−m′} and w_T = e^{s−m′}, and the output
/// (w_H·Aᵢ + w_T·v_T)/(w_H + w_T): one dot product and two exponentials per query and head
/// instead of a softmax over all keys. The target's own query attends to every key as usual.
/// Padded history keys are skipped (PyTorch's key-padding mask); padded queries still get
/// an output, which the head reads.
final class SharedHistoryAttention {
    let sequenceLength, width, heads: Int
    /// Per history query and head: softmax maximum and sum over the history keys.
    private let maximum, sum: ScalarBuffer<Float>
    /// (S − 1, d): per history query, each head's softmax-weighted history values.
    private let mixed: ScalarBuffer<Float>
    /// Which history positions are PAD, and whether any is not.
    private var padding: [Bool]
    private var historyQKV: UnsafePointer<Float>?

    init(sequenceLength S: Int, width d: Int, heads: Int) {
        sequenceLength = S
        width = d
        self.heads = heads
        maximum = ScalarBuffer((S - 1) * heads)
        sum = ScalarBuffer((S - 1) * heads)
        mixed = ScalarBuffer((S - 1) * d)
        padding = Array(repeating: true, count: S - 1)
    }

    /// Softmax statistics of the history against itself. `qkv` ((S − 1), 3d) must stay
    /// valid and unchanged until the last `apply`.
    func prepare(historyQKV qkv: UnsafePointer<Float>, padding pad: [Bool]) {
        let H = sequenceLength - 1
        let d = width
        let hs = d / heads
        let scale = 1 / Float(hs).squareRoot()
        historyQKV = qkv
        padding = pad
        var scores = [Float](repeating: 0, count: H)
        for i in 0..<H {
            for h in 0..<heads {
                let q = qkv + i * 3 * d + h * hs
                var m = -Float.infinity
                for j in 0..<H where !pad[j] {
                    let k = qkv + j * 3 * d + d + h * hs
                    var s: Float = 0
                    for c in 0..<hs { s += q[c] * k[c] }
                    scores[j] = s * scale
                    m = max(m, scores[j])
                }
                var z: Float = 0
                let out = mixed.pointer + i * d + h * hs
                out.update(repeating: 0, count: hs)
                for j in 0..<H where !pad[j] {
                    let e = Float.exp(scores[j] - m)
                    z += e
                    let v = qkv + j * 3 * d + 2 * d + h * hs
                    for c in 0..<hs { out[c] += e * v[c] }
                }
                if z > 0 {
                    let inverse = 1 / z
                    for c in 0..<hs { out[c] *= inverse }
                }
                maximum.pointer[i * heads + h] = m
                sum.pointer[i * heads + h] = z
            }
        }
    }

    /// out (B, S, d): attention outputs of every token of B sequences whose last token has
    /// the projections `targetQKV` (B, 3d), after `prepare`.
    func apply(_ out: UnsafeMutablePointer<Float>, targetQKV: UnsafePointer<Float>, _ B: Int) {
        guard let history = historyQKV else { return }
        let S = sequenceLength
        let H = S - 1
        let d = width
        let hs = d / heads
        let scale = 1 / Float(hs).squareRoot()
        let stats = (maximum.pointer, sum.pointer)
        var scores = [Float](repeating: 0, count: S)
        scores.withUnsafeMutableBufferPointer { scores in
            for b in 0..<B {
                let target = targetQKV + b * 3 * d
                let rows = out + b * S * d
                for h in 0..<heads {
                    let kT = target + d + h * hs
                    let vT = target + 2 * d + h * hs
                    // history queries: fold the target key into the shared softmax
                    for i in 0..<H {
                        let q = history + i * 3 * d + h * hs
                        var s: Float = 0
                        for c in 0..<hs { s += q[c] * kT[c] }
                        s *= scale
                        let m = stats.0[i * heads + h]
                        let top = max(m, s)
                        let wH = stats.1[i * heads + h] * Float.exp(m - top)
                        let wT = Float.exp(s - top)
                        let inverse = 1 / (wH + wT)
                        let a = mixed.pointer + i * d + h * hs
                        let o = rows + i * d + h * hs
                        for c in 0..<hs { o[c] = (wH * a[c] + wT * vT[c]) * inverse }
                    }
                    // the target query over every unpadded key
                    let qT = target + h * hs
                    var m = -Float.infinity
                    for j in 0..<S where j == H || !padding[j] {
                        let k = j == H ? kT : history + j * 3 * d + d + h * hs
                        var s: Float = 0
                        for c in 0..<hs { s += qT[c] * k[c] }
                        scores[j] = s * scale
                        m = max(m, scores[j])
                    }
                    var z: Float = 0
                    let o = rows + H * d + h * hs
                    o.update(repeating: 0, count: hs)
                    for j in 0..<S where j == H || !padding[j] {
                        let e = Float.exp(scores[j] - m)
                        z += e
                        let v = j == H ? vT : history + j * 3 * d + 2 * d + h * hs
                        for c in 0..<hs { o[c] += e * v[c] }
                    }
                    let inverse = 1 / z
                    for c in 0..<hs { o[c] *= inverse }
                }
            }
        }
    }
}
