import Linalg

extension TransformerNetwork {
    /// Zeroes the parameter gradients (backward accumulates into them).
    func zeroGradients() { gradients.zero() }

    /// Backward pass of the last training-mode forward: accumulates ∂MSE/∂parameters into
    /// `gradients`. Activation gradients are scratch and are zeroed here.
    func backward() {
        precondition(trainedFlag, "backward needs a training-mode forward (batch statistics)")
        let B = batchSize
        let S = config.sequenceLength
        let d = config.embeddingSize
        let p = parameters.pointer
        let g = gradients.pointer
        for buffer in [dtokens, dencoded, dheadInput, dlogits, dpredictions] { buffer.zero() }
        for a in encoder { for buffer in a.gradients { buffer.zero() } }
        for h in hidden { for buffer in h.gradients { buffer.zero() } }

        mseBackward(dpredictions.pointer, predictions.pointer, targets.pointer, B)
        sigmoidRangeBackward(dlogits.pointer, dpredictions.pointer, logits.pointer, B,
                             low: T(config.ratingLow), high: T(config.ratingHigh))
        let width = config.headInputSize
        var blockInputs: [UnsafePointer<T>] = [UnsafePointer(headInput.pointer)]
        for (i, block) in layout.hidden.enumerated() {
            let h = hidden[i]
            let dropped = block.dropoutAfter && config.hiddenDropout > 0
            blockInputs.append(UnsafePointer(dropped ? h.dropped.pointer : h.mish.pointer))
        }
        var dinput = UnsafeMutablePointer<T>?.none
        let last = layout.hidden.last?.outputSize ?? width
        if let h = hidden.last, let block = layout.hidden.last {
            dinput = block.dropoutAfter && config.hiddenDropout > 0 ? h.ddropped.pointer : h.dmish.pointer
        } else {
            dinput = dheadInput.pointer
        }
        linearBackward(dinput, g + layout.outputWeight, g + layout.outputBias, dlogits.pointer,
                       blockInputs[layout.hidden.count], p + layout.outputWeight, B, last, 1)
        for i in stride(from: layout.hidden.count - 1, through: 0, by: -1) {
            let block = layout.hidden[i]
            let h = hidden[i]
            let count = B * block.outputSize
            if block.dropoutAfter && config.hiddenDropout > 0 {
                dropoutBackward(h.dmish.pointer, h.ddropped.pointer, h.mask.pointer, count)
            }
            mishBackward(h.dnormalized.pointer, h.dmish.pointer, h.normalized.pointer, count)
            batchNormBackward(h.dlinear.pointer, g + block.bnWeight, g + block.bnBias, h.dnormalized.pointer,
                              h.linear.pointer, p + block.bnWeight, h.mean.pointer, h.rstd.pointer, scratch.pointer,
                              B, block.outputSize)
            let previous: UnsafeMutablePointer<T>
            if i == 0 {
                previous = dheadInput.pointer
            } else {
                let before = layout.hidden[i - 1]
                previous = before.dropoutAfter && config.hiddenDropout > 0 ? hidden[i - 1].ddropped.pointer
                    : hidden[i - 1].dmish.pointer
            }
            linearBackward(previous, g + block.weight, g + block.bias, h.dlinear.pointer, blockInputs[i],
                           p + block.weight, B, block.inputSize, block.outputSize)
        }
        // split the head input's gradient: encoder output, user embedding, user features
        for b in 0..<B {
            let row = dheadInput.pointer + b * width
            (dencoded.pointer + b * S * d).update(from: row, count: S * d)
        }
        embeddingBackward(g + layout.users, dheadInput.pointer + S * d, users, B, d, doutStride: width)
        if let gender = layout.gender, let age = layout.ageGroup, let occupation = layout.occupation {
            var column = S * d + d
            for (offset, size, f) in [(gender, config.genderSize, 0), (age, config.ageGroupSize, 1),
                                      (occupation, config.occupationSize, 2)] {
                for b in 0..<B {
                    let dst = g + offset + Int(features[3 * b + f]) * size
                    let src = dheadInput.pointer + b * width + column
                    for c in 0..<size { dst[c] += src[c] }
                }
                column += size
            }
        }
        var dout = dencoded.pointer
        for l in stride(from: encoder.count - 1, through: 0, by: -1) {
            let x = l == 0 ? UnsafePointer(tokens.pointer) : UnsafePointer(encoder[l - 1].norm2.pointer)
            let dx = l == 0 ? dtokens.pointer : encoder[l - 1].dnorm2.pointer
            encoderBackward(encoder[l], layout.encoder[l], x, dx, dout, B)
            dout = dx
        }
        if encoder.isEmpty { dtokens.pointer.update(from: dencoded.pointer, count: B * S * d) }
        tokensBackward(B)
    }

    /// Gradient of the token sums into the movie, rating and position tables.
    private func tokensBackward(_ B: Int) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let g = gradients.pointer
        let dx = dtokens.pointer
        embeddingBackward(g + layout.movies, dx, movies, B * S, d, paddingIndex: 0)
        if let ratingTable = layout.ratings {
            for b in 0..<B {
                embeddingBackward(g + ratingTable, dx + b * S * d, ratings + b * (S - 1), S - 1, d, paddingIndex: 0)
            }
        }
        let positioned = config.useRatings ? S - 1 : S
        for b in 0..<B {
            for t in 0..<positioned {
                let row = dx + (b * S + t) * d
                let position = g + layout.positions + t * d
                for c in 0..<d { position[c] += row[c] }
            }
        }
    }

    /// Backward of one encoder layer: dout (N, d) is ∂/∂norm2; accumulates dx (N, d).
    private func encoderBackward(_ a: EncoderActivations<T>, _ w: EncoderLayerOffsets,
                                 _ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>,
                                 _ dout: UnsafeMutablePointer<T>, _ B: Int) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let ff = config.feedForwardSize
        let N = B * S
        let p = parameters.pointer
        let g = gradients.pointer
        let dropout = config.encoderDropout > 0
        layerNormBackward(a.dresidual2.pointer, g + w.norm2Weight, g + w.norm2Bias, dout, a.residual2.pointer,
                          p + w.norm2Weight, a.norm2Mean.pointer, a.norm2Rstd.pointer, N, d)
        // residual2 = norm1 + dropout(output2)
        for i in 0..<(N * d) { a.dnorm1.pointer[i] += a.dresidual2.pointer[i] }
        if dropout {
            dropoutBackward(a.doutput2.pointer, a.dresidual2.pointer, a.output2Mask.pointer, N * d)
        } else {
            for i in 0..<(N * d) { a.doutput2.pointer[i] += a.dresidual2.pointer[i] }
        }
        let activated = dropout ? UnsafePointer(a.hiddenDropped.pointer) : UnsafePointer(a.gelu.pointer)
        let dactivated = dropout ? a.dhiddenDropped.pointer : a.dgelu.pointer
        linearBackward(dactivated, g + w.linear2Weight, g + w.linear2Bias, a.doutput2.pointer, activated,
                       p + w.linear2Weight, N, ff, d)
        if dropout { dropoutBackward(a.dgelu.pointer, a.dhiddenDropped.pointer, a.hiddenMask.pointer, N * ff) }
        geluBackward(a.dhidden.pointer, a.dgelu.pointer, derivative: a.geluDerivative.pointer, N * ff)
        linearBackward(a.dnorm1.pointer, g + w.linear1Weight, g + w.linear1Bias, a.dhidden.pointer, a.norm1.pointer,
                       p + w.linear1Weight, N, d, ff)
        layerNormBackward(a.dresidual1.pointer, g + w.norm1Weight, g + w.norm1Bias, a.dnorm1.pointer, a.residual1.pointer,
                          p + w.norm1Weight, a.norm1Mean.pointer, a.norm1Rstd.pointer, N, d)
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
        linearBackward(dx, g + w.inProjWeight, g + w.inProjBias, a.dqkv.pointer, x, p + w.inProjWeight, N, d, 3 * d)
    }
}
