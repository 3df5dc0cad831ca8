/// What every serving workspace reads and none writes: the trained parameters in one buffer
/// with their offsets, and the head with batch norm folded in. Shared by all workspaces of a
/// predictor, so concurrent requests cost activations only.
final class InferenceWeights: @unchecked Sendable {
    let config: TransformerConfig
    let layout: TransformerLayout
    let parameters: ScalarBuffer<Float>
    let head: FoldedHead
    /// Per encoder layer, linear1's weight transposed to (d, ff) and linear2's to (ff, d).
    /// At the few rows of one request OpenBLAS multiplies by these faster than by PyTorch's
    /// (ff, d) and (d, ff), and a block of hidden units is then a block of columns of the
    /// first and of rows of the second, which is how a request splits the layer over cores.
    let feedForward: [(first: ScalarBuffer<Float>, second: ScalarBuffer<Float>)]

    init(model: TransformerModel) {
        config = model.config
        layout = TransformerLayout(model.config)
        parameters = ScalarBuffer(model.parameters.count)
        parameters.pointer.update(from: model.parameters, count: model.parameters.count)
        head = FoldedHead(parameters: model.parameters, layout: layout,
                          encodedColumns: model.config.sequenceLength * model.config.embeddingSize)
        let d = model.config.embeddingSize
        let ff = model.config.feedForwardSize
        feedForward = layout.encoder.map { layer in
            (Self.transposed(model.parameters, at: layer.linear1Weight, rows: ff, columns: d),
             Self.transposed(model.parameters, at: layer.linear2Weight, rows: d, columns: ff))
        }
    }

    /// The (rows, columns) matrix at `offset` of `p`, as (columns, rows).
    private static func transposed(_ p: [Float], at offset: Int, rows: Int, columns: Int) -> ScalarBuffer<Float> {
        let buffer = ScalarBuffer<Float>(rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { buffer.pointer[c * rows + r] = p[offset + r * columns + c] }
        }
        return buffer
    }

    /// The parameter at `offset` of the flat buffer.
    func at(_ offset: Int) -> UnsafePointer<Float> { UnsafePointer(parameters.pointer + offset) }
}
