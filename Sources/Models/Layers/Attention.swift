import Linalg

/// Multi-head self-attention core, as inside PyTorch's `nn.MultiheadAttention` between
/// `in_proj` and `out_proj`: qkv (B, T, 3C) holds q, k, v side by side per token;
/// out (B, T, C) concatenates the heads. `padding` (B, T) is true for keys that must not be
/// attended to (a row must keep at least one key). When `causal` (for sequences padded at the
/// start only), query t also sees no key after it, and a padding query sees only itself (so no row is empty and real queries never
/// read padding), as a boolean `attn_mask` of j ≤ t ∧ (key j real ∨ j = t) does in PyTorch.
/// probs (B, NH, T, T) keeps the softmax, zero where masked;
/// when `dropoutMask` (B, NH, T, T) is given, `weights` receives probs·mask and multiplies v,
/// otherwise `weights` receives probs. Every product goes through gemm, one per head.
func attentionForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ probs: UnsafeMutablePointer<T>, _ weights: UnsafeMutablePointer<T>,
    _ qkv: UnsafePointer<T>, _ padding: UnsafePointer<Bool>, _ dropoutMask: UnsafePointer<T>?,
    _ B: Int, _ T_: Int, _ C: Int, _ NH: Int, causal: Bool = false
) {
    let hs = C / NH
    let scale = 1 / T(hs).squareRoot()
    let c3 = 3 * C
    for b in 0..<B {
        let pad = padding + b * T_
        // Causal mode reads sequences padded at the start only: query t's keys are then the
        // contiguous run first…t (first = the sequence's first real slot), or t alone for PAD.
        var first = 0
        if causal { while first < T_ && pad[first] { first += 1 } }
        for h in 0..<NH {
            let q = qkv + b * T_ * c3 + h * hs
            let k = q + C
            let v = q + 2 * C
            let att = probs + (b * NH + h) * T_ * T_
            T.gemm(transposeA: false, transposeB: true, m: T_, n: T_, k: hs, alpha: scale, a: q, lda: c3,
                   b: k, ldb: c3, beta: 0, c: att, ldc: T_)
            for t in 0..<T_ {
                let row = att + t * T_
                if causal {
                    let low = pad[t] ? t : first
                    let count = t - low + 1
                    let normalizer = softmaxInPlace(row + low, count, maximum: rowMaximum(row + low, count))
                    let inverse = 1 / normalizer
                    for j in low...t { row[j] *= inverse }
                    for j in 0..<low { row[j] = 0 }
                    for j in (t + 1)..<T_ { row[j] = 0 }
                    continue
                }
                var maximum = -T.infinity
                for j in 0..<T_ where !pad[j] { maximum = max(maximum, row[j]) }
                var sum: T = 0
                for j in 0..<T_ {
                    let e: T = pad[j] ? 0 : T.exp(row[j] - maximum)
                    row[j] = e
                    sum += e
                }
                let inverse = 1 / sum
                for j in 0..<T_ { row[j] *= inverse }
            }
            let w = weights + (b * NH + h) * T_ * T_
            if let dropoutMask {
                let m = dropoutMask + (b * NH + h) * T_ * T_
                for i in 0..<(T_ * T_) { w[i] = att[i] * m[i] }
            } else if w != att {
                w.update(from: att, count: T_ * T_)
            }
            T.gemm(transposeA: false, transposeB: false, m: T_, n: hs, k: T_, alpha: 1, a: w, lda: T_,
                   b: v, ldb: c3, beta: 0, c: out + b * T_ * C + h * hs, ldc: C)
        }
    }
}

/// Backward of `attentionForward`: accumulates dqkv (B, T, 3C) from dout (B, T, C).
/// `scratch` holds 2·T·T values.
func attentionBackward<T: BLASScalar>(
    _ dqkv: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ qkv: UnsafePointer<T>,
    _ probs: UnsafePointer<T>, _ weights: UnsafePointer<T>, _ dropoutMask: UnsafePointer<T>?,
    _ scratch: UnsafeMutablePointer<T>, _ B: Int, _ T_: Int, _ C: Int, _ NH: Int
) {
    let hs = C / NH
    let scale = 1 / T(hs).squareRoot()
    let c3 = 3 * C
    let dweights = scratch
    let dscores = scratch + T_ * T_
    for b in 0..<B {
        for h in 0..<NH {
            let offset = b * T_ * c3 + h * hs
            let q = qkv + offset
            let k = q + C
            let v = q + 2 * C
            let dq = dqkv + offset
            let dk = dq + C
            let dv = dq + 2 * C
            let g = dout + b * T_ * C + h * hs
            let att = probs + (b * NH + h) * T_ * T_
            let w = weights + (b * NH + h) * T_ * T_
            // dweights (T, T) = dout_h · vᵀ ; dv += weightsᵀ · dout_h
            T.gemm(transposeA: false, transposeB: true, m: T_, n: T_, k: hs, alpha: 1, a: g, lda: C,
                   b: v, ldb: c3, beta: 0, c: dweights, ldc: T_)
            T.gemm(transposeA: true, transposeB: false, m: T_, n: hs, k: T_, alpha: 1, a: w, lda: T_,
                   b: g, ldb: C, beta: 1, c: dv, ldc: c3)
            if let dropoutMask {
                let m = dropoutMask + (b * NH + h) * T_ * T_
                for i in 0..<(T_ * T_) { dweights[i] *= m[i] }
            }
            // softmax backward: dscores = p ⊙ (dp − Σ p·dp)
            for t in 0..<T_ {
                let p = att + t * T_
                let dp = dweights + t * T_
                var dot: T = 0
                for j in 0..<T_ { dot += p[j] * dp[j] }
                let ds = dscores + t * T_
                for j in 0..<T_ { ds[j] = p[j] * (dp[j] - dot) }
            }
            // dq += scale·dscores·k ; dk += scale·dscoresᵀ·q
            T.gemm(transposeA: false, transposeB: false, m: T_, n: hs, k: T_, alpha: scale, a: dscores, lda: T_,
                   b: k, ldb: c3, beta: 1, c: dq, ldc: c3)
            T.gemm(transposeA: true, transposeB: false, m: T_, n: hs, k: T_, alpha: scale, a: dscores, lda: T_,
                   b: q, ldb: c3, beta: 1, c: dk, ldc: c3)
        }
    }
}
