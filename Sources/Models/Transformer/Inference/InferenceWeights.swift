/// What every serving workspace reads and none writes: the trained parameters in one buffer
/// with their offsets, and the head with batch norm folded in. Shared by all workspaces of a
/// predictor, so concurrent requests cost activations only.
final class InferenceWeights: @unchecked Sendable {
    let config: TransformerConfig
    let layout: TransformerLayout
    let parameters: ScalarBuffer<Float>
    let head: FoldedHead

    init(model: TransformerModel) {
        config = model.config
        layout = TransformerLayout(model.config)
        parameters = ScalarBuffer(model.parameters.count)
        parameters.pointer.update(from: model.parameters, count: model.parameters.count)
        head = FoldedHead(parameters: model.parameters, layout: layout,
                          encodedColumns: model.config.sequenceLength * model.config.embeddingSize)
    }

    /// The parameter at `offset` of the flat buffer.
    func at(_ offset: Int) -> UnsafePointer<Float> { UnsafePointer(parameters.pointer + offset) }
}
