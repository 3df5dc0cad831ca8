import Linalg

extension NextMovieNetwork {
    /// Zeroes the parameter gradients (backward accumulates into them).
    func zeroGradients() { gradients.zero() }

    /// Backward pass of the last training-mode forward, from `dhidden` (filled by the output
    /// layer) into `gradients`. Activation gradients are scratch and are zeroed here.
    func backward() {
        precondition(trainedFlag, "backward needs a training-mode forward")
        let B = batchSize
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = B * S
        let p = parameters.pointer
        let g = gradients.pointer
        let dropout = config.dropout > 0
        dembedded.zero()
        for a in blocks { for buffer in a.gradients { buffer.zero() } }
        let input0 = dropout ? UnsafePointer(embedded.pointer) : UnsafePointer(tokens.pointer)
        let last = blocks.last.map { UnsafePointer($0.residual2.pointer) } ?? input0
        let dlast = blocks.last?.dresidual2.pointer ?? dembedded.pointer
        layerNormBackward(dlast, g + layout.finalNormWeight, g + layout.finalNormBias, dhidden.pointer, last,
                          p + layout.finalNormWeight, hiddenMean.pointer, hiddenRstd.pointer, N, d)
        for l in stride(from: blocks.count - 1, through: 0, by: -1) {
            let x = l == 0 ? input0 : UnsafePointer(blocks[l - 1].residual2.pointer)
            let dx = l == 0 ? dembedded.pointer : blocks[l - 1].dresidual2.pointer
            blockBackward(blocks[l], layout.encoder[l], x, dx, B)
        }
        // Through the embedding dropout, into the movie, rating and slot tables.
        let dtokens = dembedded.pointer
        if dropout { for i in 0..<(N * d) { dtokens[i] *= tokenMask.pointer[i] } }
        embeddingBackward(g + layout.movies, dtokens, movies, N, d, paddingIndex: 0)
        if let ratingTable = layout.ratings {
            embeddingBackward(g + ratingTable, dtokens, ratings, N, d, paddingIndex: 0)
        }
        for n in 0..<N {
            let row = dtokens + n * d
            let position = g + layout.positions + (n % S) * d
            for c in 0..<d { position[c] += row[c] }
        }
    }

    /// Backward of one pre-norm block from ∂/∂(its output) in `a.dresidual2`; accumulates dx.
    private func blockBackward(_ a: EncoderActivations<T>, _ w: EncoderLayerOffsets, _ x: UnsafePointer<T>,
                               _ dx: UnsafeMutablePointer<T>, _ B: Int) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let ff = config.feedForwardSize
        let N = B * S
        let p = parameters.pointer
        let g = gradients.pointer
        let dropout = config.dropout > 0
        let dout = a.dresidual2.pointer
        // residual2 = residual1 + dropout(output2)
        for i in 0..<(N * d) { a.dresidual1.pointer[i] += dout[i] }
        if dropout {
            dropoutBackward(a.doutput2.pointer, dout, a.output2Mask.pointer, N * d)
        } else {
            for i in 0..<(N * d) { a.doutput2.pointer[i] += dout[i] }
        }
        let activated = dropout ? UnsafePointer(a.hiddenDropped.pointer) : UnsafePointer(a.gelu.pointer)
        let dactivated = dropout ? a.dhiddenDropped.pointer : a.dgelu.pointer
        linearBackward(dactivated, g + w.linear2Weight, g + w.linear2Bias, a.doutput2.pointer, activated,
                       p + w.linear2Weight, N, ff, d)
        if dropout { dropoutBackward(a.dgelu.pointer, a.dhiddenDropped.pointer, a.hiddenMask.pointer, N * ff) }
        geluBackward(a.dhidden.pointer, a.dgelu.pointer, derivative: a.geluDerivative.pointer, N * ff)
        linearBackward(a.dnorm2.pointer, g + w.linear1Weight, g + w.linear1Bias, a.dhidden.pointer, a.norm2.pointer,
                       p + w.linear1Weight, N, d, ff)
        layerNormBackward(a.dresidual1.pointer, g + w.norm2Weight, g + w.norm2Bias, a.dnorm2.pointer,
                          a.residual1.pointer, p + w.norm2Weight, a.norm2Mean.pointer, a.norm2Rstd.pointer, N, d)
        // residual1 = x + dropout(projection)
        for i in 0..<(N * d) { dx[i] += a.dresidual1.pointer[i] }
        if dropout {
            dropoutBackward(a.dprojection.pointer, a.dresidual1.pointer, a.projectionMask.pointer, N * d)
        } else {
            for i in 0..<(N * d) { a.dprojection.pointer[i] += a.dresidual1.pointer[i] }
        }
        linearBackward(a.dattention.pointer, g + w.outProjWeight, g + w.outProjBias, a.dprojection.pointer,
                       a.attention.pointer, p + w.outProjWeight, N, d, d)
        attentionBackward(a.dqkv.pointer, a.dattention.pointer, a.qkv.pointer, a.probs.pointer, a.weights.pointer,
                          dropout ? UnsafePointer(a.attentionMask.pointer) : nil, scratch.pointer, B, S, d, config.heads)
        linearBackward(a.dnorm1.pointer, g + w.inProjWeight, g + w.inProjBias, a.dqkv.pointer, a.norm1.pointer,
                       p + w.inProjWeight, N, d, 3 * d)
        layerNormBackward(dx, g + w.norm1Weight, g + w.norm1Bias, a.dnorm1.pointer, x, p + w.norm1Weight,
                          a.norm1Mean.pointer, a.norm1Rstd.pointer, N, d)
    }
}
