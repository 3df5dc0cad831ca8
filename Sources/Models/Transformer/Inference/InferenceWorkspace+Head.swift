import Linalg

/// The folded head of one pass, alone or split over a team of workspaces.
extension InferenceWorkspace {
    /// The folded head; `encoded` (B, S·d) is the head input less the user's columns,
    /// whose share `prepare` put in `headShared`. The team splits the first block by its
    /// outputs and the next layer by the same inputs, so each part reads only its rows of
    /// the first weight and its columns of the second, and the parts meet once, as a sum.
    func runHead(encoded: UnsafePointer<Float>, _ B: Int, _ team: [InferenceWorkspace]) {
        let config = weights.config
        let head = weights.head
        let layers = head.blocks + [head.output]
        let shared = UnsafePointer(headShared.pointer)
        Self.inParts(team) { part, workspace in
            workspace.headFirstLayers(encoded, shared: shared, B,
                                      units: Self.range(part, of: team.count, layers[0].outputSize), addsBias: part == 0)
        }
        sumParts(team, \.secondHeadOutput, B * layers[1].outputSize)
        var output = secondHeadOutput
        for index in 2..<layers.count {
            InferenceKernels.mish(output.pointer, B * layers[index - 1].outputSize)
            let next = index + 1 < layers.count ? headHidden[index] : scores
            InferenceKernels.linear(next.pointer, output.pointer, layers[index].weight.pointer, layers[index].bias.pointer,
                                    B, layers[index].inputSize, layers[index].outputSize)
            output = next
        }
        sigmoidRangeForward(scores.pointer, scores.pointer, B, low: config.ratingLow, high: config.ratingHigh)
    }

    /// This part's share of the head's first two layers: the first block's `units` outputs
    /// (after Mish) in `headHidden[0]` as (B, units), then their contribution to the next
    /// layer in its buffer (`headHidden[1]`, or `scores` when the next layer is the output),
    /// with its bias if `addsBias` (one part does).
    private func headFirstLayers(_ encoded: UnsafePointer<Float>, shared: UnsafePointer<Float>, _ B: Int,
                                 units: Range<Int>, addsBias: Bool) {
        let head = weights.head
        let first = head.blocks[0]
        let next = head.blocks.count > 1 ? head.blocks[1] : head.output
        let width = units.count
        let out0 = headHidden[0].pointer
        InferenceKernels.linear(out0, encoded, first.weight.pointer + units.lowerBound * first.inputSize, nil,
                                B, first.inputSize, width)
        for b in 0..<B { add(out0 + b * width, shared + units.lowerBound, width) }
        InferenceKernels.mish(out0, B * width)
        InferenceKernels.linear(secondHeadOutput.pointer, out0, next.weight.pointer + units.lowerBound,
                                addsBias ? next.bias.pointer : nil, B, width, next.outputSize,
                                ldw: next.inputSize)
    }

    /// Where the head's second layer writes: the second hidden block's buffer, or the scores
    /// when the first block is the only one.
    private var secondHeadOutput: ScalarBuffer<Float> { weights.head.blocks.count > 1 ? headHidden[1] : scores }
}
