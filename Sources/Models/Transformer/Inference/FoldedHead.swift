/// The head's hidden blocks with each eval-mode BatchNorm1d folded into the Linear before
/// it: W′ = diag(γ/√(σ²+ε))·W and b′ = (b − μ)·γ/√(σ²+ε) + β, so inference is
/// Linear → Mish per block with no normalisation pass and no dropout.
///
/// The first block's weight is split by columns: the encoder's S·d columns stay in
/// `blocks[0]` (which then takes S·d inputs), the user's columns (user and feature
/// embeddings, the same for every candidate of a request) go to `userWeight`, so a request
/// multiplies them once and each candidate reads only the columns that differ.
struct FoldedHead {
    struct Block {
        let inputSize, outputSize: Int
        /// (outputSize, inputSize) and (outputSize), in buffers with stable addresses for CBLAS.
        let weight: ScalarBuffer<Float>
        let bias: ScalarBuffer<Float>
    }

    /// The hidden blocks, each Linear → Mish once folded.
    let blocks: [Block]
    /// (blocks[0].outputSize, userColumns): the first block's folded user columns.
    let userWeight: ScalarBuffer<Float>
    let userColumns: Int
    /// The last Linear, one output, before the sigmoid range.
    let output: Block

    /// `encodedColumns` leading inputs of the first block are the per-candidate ones.
    init(parameters p: [Float], layout: TransformerLayout, encodedColumns: Int, eps: Float = 1e-5) {
        var userColumns = 0
        var userWeight: [Float] = []
        blocks = layout.hidden.enumerated().map { index, block in
            var bias = [Float](repeating: 0, count: block.outputSize)
            let kept = index == 0 ? encodedColumns : block.inputSize
            var weight: [Float] = []
            weight.reserveCapacity(block.outputSize * kept)
            if index == 0 {
                userColumns = block.inputSize - kept
                userWeight.reserveCapacity(block.outputSize * userColumns)
            }
            for o in 0..<block.outputSize {
                let scale = p[block.bnWeight + o] / (p[block.runningVar + o] + eps).squareRoot()
                let row = block.weight + o * block.inputSize
                weight += p[row..<(row + kept)].map { $0 * scale }
                if index == 0 { userWeight += p[(row + kept)..<(row + block.inputSize)].map { $0 * scale } }
                bias[o] = (p[block.bias + o] - p[block.runningMean + o]) * scale + p[block.bnBias + o]
            }
            return Block(inputSize: kept, outputSize: block.outputSize, weight: Self.buffer(weight), bias: Self.buffer(bias))
        }
        self.userColumns = userColumns
        self.userWeight = Self.buffer(userWeight)
        let last = layout.hidden.last?.outputSize ?? 0
        output = Block(inputSize: last, outputSize: 1,
                       weight: Self.buffer(Array(p[layout.outputWeight..<(layout.outputWeight + last)])),
                       bias: Self.buffer([p[layout.outputBias]]))
    }

    private static func buffer(_ values: [Float]) -> ScalarBuffer<Float> {
        let buffer = ScalarBuffer<Float>(values.count)
        buffer.pointer.update(from: values, count: values.count)
        return buffer
    }
}
