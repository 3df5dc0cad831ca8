import Linalg

extension NextMovieNetwork {
    /// The serving forward (eval mode) of sequence 0 of the loaded batch: the final hidden
    /// vector of its last slot, the one that scores the user's next movie. Returns a
    /// pointer to it (d values, valid until the next forward).
    ///
    /// Exactly `encode(training: false)`'s vector for that slot, for less work. Sequences are
    /// padded at the start and attention is causal, so no real slot reads a PAD slot: only
    /// the real slots are encoded (a user with 12 ratings costs 12 rows, not 50). In the last
    /// block only the last slot's output is used, so the other slots contribute their keys and
    /// values and nothing else: one attention query, one row through the projection, the
    /// feed-forward and the norms. A sequence of PAD alone is encoded as its last slot, which
    /// attends to itself as in the full forward.
    func encodeNewest() -> UnsafePointer<T> {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let p = parameters.pointer
        var first = 0
        while first < S - 1 && padding[first] { first += 1 }
        let L = S - first
        let x = tokens.pointer
        embedTokens(x, from: first, count: L)
        var input = UnsafePointer(x)
        for (l, a) in blocks.dropLast().enumerated() {
            blockForward(a, layout.encoder[l], input, 1, L, padding + first, training: false)
            input = UnsafePointer(a.residual2.pointer)
        }
        let newest = blocks.last.map { newestSlotBlockForward($0, layout.encoder[blocks.count - 1], input, L) }
            ?? input + (L - 1) * d
        layerNormForward(hidden.pointer, hiddenMean.pointer, hiddenRstd.pointer, newest,
                         p + layout.finalNormWeight, p + layout.finalNormBias, 1, d)
        return UnsafePointer(hidden.pointer)
    }

    /// The last block for the last of L slots: LN₁ and the key/value projection over every
    /// slot, the rest over the last slot's row alone. Returns that row's output (d values).
    private func newestSlotBlockForward(_ a: EncoderActivations<T>, _ w: EncoderLayerOffsets, _ x: UnsafePointer<T>,
                                        _ L: Int) -> UnsafePointer<T> {
        let d = config.embeddingSize
        let ff = config.feedForwardSize
        let p = parameters.pointer
        layerNormForward(a.norm1.pointer, a.norm1Mean.pointer, a.norm1Rstd.pointer, x,
                         p + w.norm1Weight, p + w.norm1Bias, L, d)
        linearForward(a.qkv.pointer, a.norm1.pointer, p + w.inProjWeight, p + w.inProjBias, L, d, 3 * d)
        lastQueryAttentionForward(a.attention.pointer, a.probs.pointer, a.qkv.pointer, L, d, config.heads)
        linearForward(a.projection.pointer, a.attention.pointer, p + w.outProjWeight, p + w.outProjBias, 1, d, d)
        let residual1 = a.residual1.pointer
        let lastInput = x + (L - 1) * d
        for c in 0..<d { residual1[c] = a.projection.pointer[c] + lastInput[c] }
        layerNormForward(a.norm2.pointer, a.norm2Mean.pointer, a.norm2Rstd.pointer, residual1,
                         p + w.norm2Weight, p + w.norm2Bias, 1, d)
        linearForward(a.hidden.pointer, a.norm2.pointer, p + w.linear1Weight, p + w.linear1Bias, 1, d, ff)
        geluForward(a.gelu.pointer, a.hidden.pointer, ff)
        linearForward(a.output2.pointer, a.gelu.pointer, p + w.linear2Weight, p + w.linear2Bias, 1, ff, d)
        let out = a.residual2.pointer
        for c in 0..<d { out[c] = a.output2.pointer[c] + residual1[c] }
        return UnsafePointer(out)
    }
}
