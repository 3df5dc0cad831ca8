/// Offsets of every tensor of one configuration, resolved once so the forward and backward
/// passes index the flat buffer without string look-ups.
struct TransformerLayout: Sendable {
    struct HiddenBlock: Sendable {
        let inputSize, outputSize: Int
        let weight, bias, bnWeight, bnBias, runningMean, runningVar: Int
        let dropoutAfter: Bool
    }

    let table: ParameterTable
    let movies, users, positions: Int
    let ratings: Int?
    let gender, occupation, ageGroup: Int?
    let encoder: [EncoderLayerOffsets]
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
            EncoderLayerOffsets(adding: "encoder.layers.\(l).", to: &t, width: d, feedForward: config.feedForwardSize)
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
