/// Offsets of every tensor of one configuration, resolved once so the forward and backward
/// passes index the flat buffer without string look-ups.
struct TransformerLayout: Sendable {
    struct EncoderLayer: Sendable {
        let inProjWeight, inProjBias, outProjWeight, outProjBias: Int
        let linear1Weight, linear1Bias, linear2Weight, linear2Bias: Int
        let norm1Weight, norm1Bias, norm2Weight, norm2Bias: Int
    }

    struct HiddenBlock: Sendable {
        let inputSize, outputSize: Int
        let weight, bias, bnWeight, bnBias, runningMean, runningVar: Int
        let dropoutAfter: Bool
    }

    let table: ParameterTable
    let movies, users, positions: Int
    let ratings: Int?
    let gender, occupation, ageGroup: Int?
    let encoder: [EncoderLayer]
    let hidden: [HiddenBlock]
    let outputWeight, outputBias: Int

    init(_ config: TransformerConfig) {
        var t = ParameterTable()
        let d = config.embeddingSize
        movies = t.add("movies_embeddings.weight", [config.movieCount + 1, d])
        users = t.add("user_embeddings.weight", [config.userCount + 1, d])
        ratings = config.useRatings ? t.add("ratings_embeddings.weight", [6, d]) : nil
        positions = t.add("position_embeddings.weight", [config.sequenceLength, d])
        if config.useUserFeatures {
            gender = t.add("sex_embeddings.weight", [config.genderCount, config.genderSize])
            occupation = t.add("occupation_embeddings.weight", [config.occupationCount, config.occupationSize])
            ageGroup = t.add("age_group_embeddings.weight", [config.ageGroupCount, config.ageGroupSize])
        } else {
            gender = nil; occupation = nil; ageGroup = nil
        }
        encoder = (0..<config.layers).map { l in
            let p = "encoder.layers.\(l)."
            let ff = config.feedForwardSize
            return EncoderLayer(
                inProjWeight: t.add(p + "self_attn.in_proj_weight", [3 * d, d]),
                inProjBias: t.add(p + "self_attn.in_proj_bias", [3 * d]),
                outProjWeight: t.add(p + "self_attn.out_proj.weight", [d, d]),
                outProjBias: t.add(p + "self_attn.out_proj.bias", [d]),
                linear1Weight: t.add(p + "linear1.weight", [ff, d]),
                linear1Bias: t.add(p + "linear1.bias", [ff]),
                linear2Weight: t.add(p + "linear2.weight", [d, ff]),
                linear2Bias: t.add(p + "linear2.bias", [d]),
                norm1Weight: t.add(p + "norm1.weight", [d]),
                norm1Bias: t.add(p + "norm1.bias", [d]),
                norm2Weight: t.add(p + "norm2.weight", [d]),
                norm2Bias: t.add(p + "norm2.bias", [d]))
        }
        // nn.Sequential indices: Linear, BatchNorm1d, Mish per block, a Dropout after the
        // chosen block, then the output Linear and Sigmoid.
        var module = 0
        var input = config.headInputSize
        var blocks: [HiddenBlock] = []
        for (i, width) in config.hiddenSizes.enumerated() {
            let linear = "linear.\(module)."
            let norm = "linear.\(module + 1)."
            let dropoutAfter = i == config.hiddenDropoutAfter
            blocks.append(HiddenBlock(
                inputSize: input, outputSize: width,
                weight: t.add(linear + "weight", [width, input]),
                bias: t.add(linear + "bias", [width]),
                bnWeight: t.add(norm + "weight", [width]),
                bnBias: t.add(norm + "bias", [width]),
                runningMean: t.add(norm + "running_mean", [width], trainable: false),
                runningVar: t.add(norm + "running_var", [width], trainable: false),
                dropoutAfter: dropoutAfter))
            module += dropoutAfter ? 4 : 3
            input = width
        }
        hidden = blocks
        outputWeight = t.add("linear.\(module).weight", [1, input])
        outputBias = t.add("linear.\(module).bias", [1])
        table = t
    }
}
