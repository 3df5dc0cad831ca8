/// The head's hidden blocks with each eval-mode BatchNorm1d folded into the Linear before
/// it: W′ = diag(γ/√(σ²+ε))·W and b′ = (b − μ)·γ/√(σ²+ε) + β, so inference is
/// Linear → Mish per block with no normalisation pass and no dropout.
struct FoldedHead {
    struct Block {
        let inputSize, outputSize: Int
        /// (outputSize, inputSize) and (outputSize), in buffers with stable addresses for CBLAS.
        let weight: ScalarBuffer<Float>
        let bias: ScalarBuffer<Float>
    }

    let blocks: [Block]
    let outputWeight: ScalarBuffer<Float>
    let outputBias: ScalarBuffer<Float>

    init(parameters p: [Float], layout: TransformerLayout, eps: Float = 1e-5) {
        blocks = layout.hidden.map { block in
            var weight = Array(p[block.weight..<(block.weight + block.inputSize * block.outputSize)])
            var bias = [Float](repeating: 0, count: block.outputSize)
            for o in 0..<block.outputSize {
                let scale = p[block.bnWeight + o] / (p[block.runningVar + o] + eps).squareRoot()
                for c in 0..<block.inputSize { weight[o * block.inputSize + c] *= scale }
                bias[o] = (p[block.bias + o] - p[block.runningMean + o]) * scale + p[block.bnBias + o]
            }
            return Block(inputSize: block.inputSize, outputSize: block.outputSize,
                         weight: Self.buffer(weight), bias: Self.buffer(bias))
        }
        let last = layout.hidden.last?.outputSize ?? 0
        outputWeight = Self.buffer(Array(p[layout.outputWeight..<(layout.outputWeight + last)]))
        outputBias = Self.buffer([p[layout.outputBias]])
    }

    private static func buffer(_ values: [Float]) -> ScalarBuffer<Float> {
        let buffer = ScalarBuffer<Float>(values.count)
        buffer.pointer.update(from: values, count: values.count)
        return buffer
    }
}
