import Testing
@testable import Models

/// Finite-difference check (Double) of multi-head attention with a key-padding mask and a
/// fixed dropout mask on the attention weights.
@Suite struct LayerAttentionTests {
    let B = 2, T = 4, C = 6, NH = 2

    func forward(_ qkv: [Double], _ padding: [Bool], _ dropout: [Double]?) -> (out: [Double], probs: [Double], weights: [Double]) {
        var out = [Double](repeating: 0, count: B * T * C)
        var probs = [Double](repeating: 0, count: B * NH * T * T)
        var weights = probs
        if let dropout {
            dropout.withUnsafeBufferPointer { attentionForward(&out, &probs, &weights, qkv, padding, $0.baseAddress, B, T, C, NH) }
        } else {
            attentionForward(&out, &probs, &weights, qkv, padding, nil, B, T, C, NH)
        }
        return (out, probs, weights)
    }

    @Test(arguments: [false, true])
    func attentionGradientMatchesFiniteDifferences(withDropout: Bool) {
        let qkv = GradientCheck.values(B * T * 3 * C, seed: 31)
        let padding = [true, false, false, false, true, true, false, false]
        let dropout: [Double]? = withDropout
            ? GradientCheck.values(B * NH * T * T, seed: 32).map { $0 < -0.6 ? 0 : 1 / 0.8 } : nil
        let r = GradientCheck.values(B * T * C, seed: 33)
        let saved = forward(qkv, padding, dropout)
        var dqkv = [Double](repeating: 0, count: qkv.count)
        var scratch = [Double](repeating: 0, count: 2 * T * T)
        if let dropout {
            dropout.withUnsafeBufferPointer {
                attentionBackward(&dqkv, r, qkv, saved.probs, saved.weights, $0.baseAddress, &scratch, B, T, C, NH)
            }
        } else {
            attentionBackward(&dqkv, r, qkv, saved.probs, saved.weights, nil, &scratch, B, T, C, NH)
        }
        let numeric = GradientCheck.numeric(qkv) { GradientCheck.dot(forward($0, padding, dropout).out, r) }
        GradientCheck.expectClose(dqkv, numeric, "dqkv")
    }

    @Test func paddedKeysGetNoAttention() {
        let qkv = GradientCheck.values(B * T * 3 * C, seed: 34)
        let padding = [true, false, false, false, true, true, false, false]
        let probs = forward(qkv, padding, nil).probs
        for b in 0..<B {
            for h in 0..<NH {
                for t in 0..<T {
                    let row = (0..<T).map { probs[((b * NH + h) * T + t) * T + $0] }
                    #expect(abs(row.reduce(0, +) - 1) < 1e-12)
                    for j in 0..<T where padding[b * T + j] { #expect(row[j] == 0) }
                }
            }
        }
    }
}
