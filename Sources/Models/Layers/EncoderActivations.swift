import Linalg

/// Saved forward values of one transformer encoder layer and the gradient buffers of its
/// backward pass, preallocated for B sequences of S tokens. The same tensors serve the
/// BST's post-norm layers and the next-movie transformer's pre-norm blocks: only the order
/// in which they are wired differs.
final class EncoderActivations<T: BLASScalar> {
    let qkv, probs, weights, attentionMask, attention, projection, projectionMask: ScalarBuffer<T>
    let residual1, norm1, norm1Mean, norm1Rstd: ScalarBuffer<T>
    let hidden, gelu, geluDerivative, hiddenMask, hiddenDropped, output2, output2Mask, residual2, norm2, norm2Mean, norm2Rstd: ScalarBuffer<T>
    // gradients
    let dqkv, dattention, dprojection, dresidual1, dnorm1, dhidden, dgelu, dhiddenDropped, doutput2, dresidual2, dnorm2: ScalarBuffer<T>

    init(batch B: Int, sequenceLength S: Int, width d: Int, heads: Int, feedForward ff: Int) {
        let N = B * S
        let attentionCount = B * heads * S * S
        qkv = ScalarBuffer(N * 3 * d)
        probs = ScalarBuffer(attentionCount)
        weights = ScalarBuffer(attentionCount)
        attentionMask = ScalarBuffer(attentionCount)
        attention = ScalarBuffer(N * d)
        projection = ScalarBuffer(N * d)
        projectionMask = ScalarBuffer(N * d)
        residual1 = ScalarBuffer(N * d)
        norm1 = ScalarBuffer(N * d)
        norm1Mean = ScalarBuffer(N)
        norm1Rstd = ScalarBuffer(N)
        hidden = ScalarBuffer(N * ff)
        gelu = ScalarBuffer(N * ff)
        geluDerivative = ScalarBuffer(N * ff)
        hiddenMask = ScalarBuffer(N * ff)
        hiddenDropped = ScalarBuffer(N * ff)
        output2 = ScalarBuffer(N * d)
        output2Mask = ScalarBuffer(N * d)
        residual2 = ScalarBuffer(N * d)
        norm2 = ScalarBuffer(N * d)
        norm2Mean = ScalarBuffer(N)
        norm2Rstd = ScalarBuffer(N)
        dqkv = ScalarBuffer(N * 3 * d)
        dattention = ScalarBuffer(N * d)
        dprojection = ScalarBuffer(N * d)
        dresidual1 = ScalarBuffer(N * d)
        dnorm1 = ScalarBuffer(N * d)
        dhidden = ScalarBuffer(N * ff)
        dgelu = ScalarBuffer(N * ff)
        dhiddenDropped = ScalarBuffer(N * ff)
        doutput2 = ScalarBuffer(N * d)
        dresidual2 = ScalarBuffer(N * d)
        dnorm2 = ScalarBuffer(N * d)
    }

    var gradients: [ScalarBuffer<T>] {
        [dqkv, dattention, dprojection, dresidual1, dnorm1, dhidden, dgelu, dhiddenDropped, doutput2, dresidual2, dnorm2]
    }
}
