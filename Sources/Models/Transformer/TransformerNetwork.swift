import Linalg

/// The notebook's `BstTransformer` as one flat parameter buffer, one flat gradient
/// buffer and activations preallocated for `maxBatch` sequences. Generic so that the
/// same code trains in Float and is checked by finite differences in Double.
final class TransformerNetwork<T: BLASScalar> {
    let config: TransformerConfig
    let layout: TransformerLayout
    let maxBatch: Int
    let parameters: ScalarBuffer<T>
    let gradients: ScalarBuffer<T>
    var rng: SeededGenerator

    // inputs of the last forward
    private(set) var batchSize = 0
    var trainedFlag = false
    let movies, ratings, users, features: UnsafeMutablePointer<Int32>
    let padding: UnsafeMutablePointer<Bool>
    let targets: ScalarBuffer<T>
    // token embeddings (B, S, d), their gradient, and the per-layer state
    let tokens, dtokens: ScalarBuffer<T>
    let encoder: [EncoderActivations<T>]
    let dencoded: ScalarBuffer<T>
    let headInput, dheadInput: ScalarBuffer<T>
    let hidden: [HiddenActivations<T>]
    let logits, dlogits, predictions, dpredictions, scratch: ScalarBuffer<T>

    init(config: TransformerConfig, maxBatch: Int, seed: UInt64 = 0) {
        self.config = config
        layout = TransformerLayout(config)
        self.maxBatch = maxBatch
        parameters = ScalarBuffer(layout.table.totalCount)
        gradients = ScalarBuffer(layout.table.totalCount)
        rng = SeededGenerator(seed: seed &+ 0x5EED)
        TransformerInitializer.initialize(parameters.pointer, layout, seed: seed)
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = maxBatch * S
        movies = .allocate(capacity: N)
        ratings = .allocate(capacity: N)
        users = .allocate(capacity: maxBatch)
        features = .allocate(capacity: 3 * maxBatch)
        padding = .allocate(capacity: N)
        targets = ScalarBuffer(maxBatch)
        tokens = ScalarBuffer(N * d)
        dtokens = ScalarBuffer(N * d)
        encoder = (0..<config.layers).map { _ in
            EncoderActivations(batch: maxBatch, sequenceLength: S, width: d, heads: config.heads,
                               feedForward: config.feedForwardSize)
        }
        dencoded = ScalarBuffer(N * d)
        headInput = ScalarBuffer(maxBatch * config.headInputSize)
        dheadInput = ScalarBuffer(maxBatch * config.headInputSize)
        hidden = config.hiddenSizes.map { HiddenActivations(batch: maxBatch, width: $0) }
        logits = ScalarBuffer(maxBatch)
        dlogits = ScalarBuffer(maxBatch)
        predictions = ScalarBuffer(maxBatch)
        dpredictions = ScalarBuffer(maxBatch)
        scratch = ScalarBuffer(max(2 * S * S, 2 * (config.hiddenSizes.max() ?? 1)))
    }

    deinit {
        movies.deallocate(); ratings.deallocate(); users.deallocate(); features.deallocate(); padding.deallocate()
    }

    /// Copies a batch in, checking every index against the tables.
    func load(_ batch: TransformerBatch) throws(TransformerError) {
        let B = batch.count
        let S = config.sequenceLength
        guard B > 0, B <= maxBatch, batch.movies.count == B * S, batch.users.count == B,
              batch.ratings.count == B * (S - 1) || !config.useRatings,
              batch.features.count == 3 * B || !config.useUserFeatures else {
            throw .invalidConfig("batch of \(B) does not match the network's shapes (max batch \(maxBatch))")
        }
        for (i, m) in batch.movies.enumerated() {
            guard m >= 0, Int(m) <= config.movieCount else { throw .indexOutOfRange("movie index \(m)") }
            guard i % S != S - 1 || m != 0 else { throw .indexOutOfRange("target movie is PAD") }
            movies[i] = m
            padding[i] = m == 0
        }
        for (b, u) in batch.users.enumerated() {
            guard u >= 0, Int(u) <= config.userCount else { throw .indexOutOfRange("user index \(u)") }
            users[b] = u
        }
        if config.useRatings {
            for (i, r) in batch.ratings.enumerated() {
                guard (0...5).contains(r) else { throw .indexOutOfRange("rating index \(r)") }
                ratings[i] = r
            }
        }
        if config.useUserFeatures {
            let limits = [config.genderCount, config.ageGroupCount, config.occupationCount]
            for (i, f) in batch.features.enumerated() {
                guard f >= 0, Int(f) < limits[i % 3] else { throw .indexOutOfRange("user feature \(i % 3) index \(f)") }
                features[i] = f
            }
        }
        for b in 0..<B { targets.pointer[b] = b < batch.targets.count ? T(batch.targets[b]) : 0 }
        batchSize = B
    }

    /// Forward pass over the loaded batch; returns the MSE against its targets. In training
    /// mode batch norm uses batch statistics (and moves its running ones) and dropout is
    /// drawn; otherwise running statistics and no dropout.
    @discardableResult
    func forward(training: Bool) -> T {
        encode(training: training)
        return head(training: training)
    }

    /// Tokens → encoder → `headInput` (B, headInputSize).
    func encode(training: Bool) {
        let B = batchSize
        let S = config.sequenceLength
        let d = config.embeddingSize
        let p = parameters.pointer
        trainedFlag = training
        embedTokens(B)
        var x = UnsafePointer(tokens.pointer)
        for (l, a) in encoder.enumerated() {
            encoderForward(a, layout.encoder[l], x, B, training: training)
            x = UnsafePointer(a.norm2.pointer)
        }
        // head input: [encoded (S·d) | user (d) | gender | age group | occupation]
        let width = config.headInputSize
        for b in 0..<B {
            let row = headInput.pointer + b * width
            row.update(from: x + b * S * d, count: S * d)
            (row + S * d).update(from: p + layout.users + Int(users[b]) * d, count: d)
            if let gender = layout.gender, let age = layout.ageGroup, let occupation = layout.occupation {
                var column = S * d + d
                for (offset, size, f) in [(gender, config.genderSize, 0), (age, config.ageGroupSize, 1),
                                          (occupation, config.occupationSize, 2)] {
                    (row + column).update(from: p + offset + Int(features[3 * b + f]) * size, count: size)
                    column += size
                }
            }
        }
    }

    /// The MLP head over `headInput`; returns the MSE against the targets.
    private func head(training: Bool) -> T {
        let B = batchSize
        let width = config.headInputSize
        let p = parameters.pointer
        var input = UnsafePointer(headInput.pointer)
        for (i, block) in layout.hidden.enumerated() {
            let h = hidden[i]
            linearForward(h.linear.pointer, input, p + block.weight, p + block.bias, B, block.inputSize, block.outputSize)
            if training {
                batchNormTrainForward(h.normalized.pointer, h.mean.pointer, h.rstd.pointer, h.linear.pointer,
                                      p + block.bnWeight, p + block.bnBias, p + block.runningMean, p + block.runningVar,
                                      B, block.outputSize)
            } else {
                batchNormEvalForward(h.normalized.pointer, h.linear.pointer, p + block.bnWeight, p + block.bnBias,
                                     p + block.runningMean, p + block.runningVar, B, block.outputSize)
            }
            mishForward(h.mish.pointer, h.normalized.pointer, B * block.outputSize)
            input = UnsafePointer(h.mish.pointer)
            if block.dropoutAfter && training && config.hiddenDropout > 0 {
                dropoutForward(h.dropped.pointer, h.mask.pointer, h.mish.pointer, B * block.outputSize,
                               p: config.hiddenDropout, rng: &rng)
                input = UnsafePointer(h.dropped.pointer)
            }
        }
        let last = layout.hidden.last?.outputSize ?? width
        linearForward(logits.pointer, input, p + layout.outputWeight, p + layout.outputBias, B, last, 1)
        sigmoidRangeForward(predictions.pointer, logits.pointer, B, low: T(config.ratingLow), high: T(config.ratingHigh))
        return mseForward(predictions.pointer, targets.pointer, B)
    }

    private func embedTokens(_ B: Int) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let p = parameters.pointer
        let x = tokens.pointer
        embeddingForward(x, movies, p + layout.movies, B * S, d)
        if let ratingTable = layout.ratings {
            for b in 0..<B {
                embeddingForward(x + b * S * d, ratings + b * (S - 1), p + ratingTable, S - 1, d, accumulate: true)
            }
        }
        // Positions on the history only when ratings are used (the notebook's second and third
        // models); on every token otherwise (its first model).
        let positioned = config.useRatings ? S - 1 : S
        for b in 0..<B {
            for t in 0..<positioned {
                let row = x + (b * S + t) * d
                let position = p + layout.positions + t * d
                for c in 0..<d { row[c] += position[c] }
            }
        }
    }

    private func encoderForward(_ a: EncoderActivations<T>, _ w: EncoderLayerOffsets,
                                _ x: UnsafePointer<T>, _ B: Int, training: Bool) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let ff = config.feedForwardSize
        let N = B * S
        let p = parameters.pointer
        let dropout = training && config.encoderDropout > 0
        let rate = config.encoderDropout
        linearForward(a.qkv.pointer, x, p + w.inProjWeight, p + w.inProjBias, N, d, 3 * d)
        if dropout {
            dropoutMask(a.attentionMask.pointer, B * config.heads * S * S, p: rate, rng: &rng)
        }
        attentionForward(a.attention.pointer, a.probs.pointer, a.weights.pointer, a.qkv.pointer, padding,
                         dropout ? UnsafePointer(a.attentionMask.pointer) : nil, B, S, d, config.heads)
        linearForward(a.projection.pointer, a.attention.pointer, p + w.outProjWeight, p + w.outProjBias, N, d, d)
        if dropout {
            dropoutForward(a.residual1.pointer, a.projectionMask.pointer, a.projection.pointer, N * d, p: rate, rng: &rng)
        } else {
            a.residual1.pointer.update(from: a.projection.pointer, count: N * d)
        }
        for i in 0..<(N * d) { a.residual1.pointer[i] += x[i] }
        layerNormForward(a.norm1.pointer, a.norm1Mean.pointer, a.norm1Rstd.pointer, a.residual1.pointer,
                         p + w.norm1Weight, p + w.norm1Bias, N, d)
        linearForward(a.hidden.pointer, a.norm1.pointer, p + w.linear1Weight, p + w.linear1Bias, N, d, ff)
        if training {
            geluForward(a.gelu.pointer, derivative: a.geluDerivative.pointer, a.hidden.pointer, N * ff)
        } else {
            geluForward(a.gelu.pointer, a.hidden.pointer, N * ff)
        }
        var activated = UnsafePointer(a.gelu.pointer)
        if dropout {
            dropoutForward(a.hiddenDropped.pointer, a.hiddenMask.pointer, a.gelu.pointer, N * ff, p: rate, rng: &rng)
            activated = UnsafePointer(a.hiddenDropped.pointer)
        }
        linearForward(a.output2.pointer, activated, p + w.linear2Weight, p + w.linear2Bias, N, ff, d)
        if dropout {
            dropoutForward(a.residual2.pointer, a.output2Mask.pointer, a.output2.pointer, N * d, p: rate, rng: &rng)
        } else {
            a.residual2.pointer.update(from: a.output2.pointer, count: N * d)
        }
        for i in 0..<(N * d) { a.residual2.pointer[i] += a.norm1.pointer[i] }
        layerNormForward(a.norm2.pointer, a.norm2Mean.pointer, a.norm2Rstd.pointer, a.residual2.pointer,
                         p + w.norm2Weight, p + w.norm2Bias, N, d)
    }
}
