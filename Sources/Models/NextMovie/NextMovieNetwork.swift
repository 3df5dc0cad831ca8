import Linalg

/// The next-movie transformer as one flat parameter buffer, one flat gradient buffer and
/// activations preallocated for `maxBatch` sequences: token embeddings (movie + rating +
/// slot) → dropout → pre-norm encoder blocks with causal attention → a final LayerNorm,
/// giving one hidden vector per slot that scores the movie that follows it. Generic so that
/// the same code trains in Float and is checked by finite differences in Double.
final class NextMovieNetwork<T: BLASScalar> {
    let config: NextMovieConfig
    let layout: NextMovieLayout
    let maxBatch: Int
    let parameters: ScalarBuffer<T>
    let gradients: ScalarBuffer<T>
    var rng: SeededGenerator

    private(set) var batchSize = 0
    private(set) var trainedFlag = false
    let movies, ratings, targets: UnsafeMutablePointer<Int32>
    let padding: UnsafeMutablePointer<Bool>
    /// Summed embeddings, their dropout mask and output, and the gradient of that output.
    let tokens, tokenMask, embedded, dembedded: ScalarBuffer<T>
    let blocks: [EncoderActivations<T>]
    /// The final LayerNorm's output (B·S, d), its statistics and its gradient.
    let hidden, hiddenMean, hiddenRstd, dhidden: ScalarBuffer<T>
    let scratch: ScalarBuffer<T>

    /// - Parameter parameters: weights shared with other networks (serving workspaces);
    ///   nil allocates and initialises a buffer of its own.
    init(config: NextMovieConfig, maxBatch: Int, seed: UInt64 = 0, parameters shared: ScalarBuffer<T>? = nil,
         trainable: Bool = true) {
        self.config = config
        layout = NextMovieLayout(config)
        self.maxBatch = maxBatch
        if let shared {
            precondition(shared.count == layout.table.totalCount, "parameter buffer does not match the layout")
            parameters = shared
        } else {
            parameters = ScalarBuffer(layout.table.totalCount)
            ParameterInitializer.initialize(parameters.pointer, layout.table, seed: seed,
                                            paddedTables: NextMovieLayout.paddedTables)
            // Embeddings N(0, 0.02²) rather than nn.Embedding's N(0, 1): tied to the output, unit
            // rows give logits of standard deviation √d (8 at d = 64) and a first loss near 27
            // against ln V ≈ 7.4, which costs many epochs to unlearn.
            for offset in [layout.movies, layout.positions] + (layout.ratings.map { [$0] } ?? []) {
                guard let entry = layout.table.entries.first(where: { $0.offset == offset }) else { continue }
                for i in offset..<(offset + entry.count) { parameters.pointer[i] *= T(NextMovieLayout.embeddingScale) }
            }
            (parameters.pointer + layout.outputBias).update(repeating: 0, count: config.movieCount + 1)
        }
        gradients = ScalarBuffer(trainable ? layout.table.totalCount : 0)
        rng = SeededGenerator(seed: seed &+ 0x5EED)
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = maxBatch * S
        movies = .allocate(capacity: N)
        ratings = .allocate(capacity: N)
        targets = .allocate(capacity: N)
        padding = .allocate(capacity: N)
        tokens = ScalarBuffer(N * d)
        tokenMask = ScalarBuffer(trainable ? N * d : 0)
        embedded = ScalarBuffer(trainable ? N * d : 0)
        dembedded = ScalarBuffer(trainable ? N * d : 0)
        blocks = (0..<config.layers).map { _ in
            EncoderActivations(batch: maxBatch, sequenceLength: S, width: d, heads: config.heads,
                               feedForward: config.feedForwardSize)
        }
        hidden = ScalarBuffer(N * d)
        hiddenMean = ScalarBuffer(N)
        hiddenRstd = ScalarBuffer(N)
        dhidden = ScalarBuffer(trainable ? N * d : 0)
        scratch = ScalarBuffer(2 * S * S)
    }

    deinit {
        movies.deallocate(); ratings.deallocate(); targets.deallocate(); padding.deallocate()
    }

    /// Copies a batch in, checking every index against the tables.
    func load(_ batch: NextMovieBatch) throws(NextMovieError) {
        let B = batch.count
        let N = B * config.sequenceLength
        guard B > 0, B <= maxBatch, batch.movies.count == N, batch.ratings.count == N, batch.targets.count == N else {
            throw .invalidConfig("batch of \(B) does not match the network's shapes (max batch \(maxBatch))")
        }
        let S = config.sequenceLength
        for i in 0..<N {
            let m = batch.movies[i], r = batch.ratings[i], t = batch.targets[i]
            guard m != 0 || i % S == 0 || batch.movies[i - 1] == 0 else {
                throw .indexOutOfRange("PAD after a movie in sequence \(i / S): sequences are padded at the start only")
            }
            guard m >= 0, Int(m) <= config.movieCount else { throw .indexOutOfRange("movie index \(m)") }
            guard t >= 0, Int(t) <= config.movieCount else { throw .indexOutOfRange("target index \(t)") }
            guard (0...5).contains(r) else { throw .indexOutOfRange("rating index \(r)") }
            movies[i] = m
            ratings[i] = config.useRatings ? r : 0
            targets[i] = m == 0 ? 0 : t
            padding[i] = m == 0
        }
        batchSize = B
    }

    /// Tokens → encoder → `hidden`. In training mode dropout is drawn.
    func encode(training: Bool) {
        let B = batchSize
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = B * S
        let p = parameters.pointer
        trainedFlag = training
        let x = tokens.pointer
        embedTokens(x, from: 0, count: N)
        var input = UnsafePointer(x)
        if training && config.dropout > 0 {
            dropoutForward(embedded.pointer, tokenMask.pointer, x, N * d, p: config.dropout, rng: &rng)
            input = UnsafePointer(embedded.pointer)
        }
        for (l, a) in blocks.enumerated() {
            blockForward(a, layout.encoder[l], input, B, S, padding, training: training)
            input = UnsafePointer(a.residual2.pointer)
        }
        layerNormForward(hidden.pointer, hiddenMean.pointer, hiddenRstd.pointer, input,
                         p + layout.finalNormWeight, p + layout.finalNormBias, N, d)
    }

    /// Token vectors (movie + star rating + slot position) of `count` consecutive slots of
    /// the loaded batch from flat slot `start`, written to x (count × d).
    func embedTokens(_ x: UnsafeMutablePointer<T>, from start: Int, count: Int) {
        let S = config.sequenceLength
        let d = config.embeddingSize
        let p = parameters.pointer
        embeddingForward(x, movies + start, p + layout.movies, count, d)
        if let ratingTable = layout.ratings {
            embeddingForward(x, ratings + start, p + ratingTable, count, d, accumulate: true)
        }
        for n in 0..<count {
            let row = x + n * d
            let position = p + layout.positions + ((start + n) % S) * d
            for c in 0..<d { row[c] += position[c] }
        }
    }

    /// The scores of movies 1…V (PAD excluded) for what follows slot `slot` of sequence `b`
    /// of the last forward: the output table times that slot's hidden vector, plus the bias.
    func scores(_ out: UnsafeMutablePointer<T>, sequence b: Int, slot: Int) {
        scores(out, hidden: hidden.pointer + (b * config.sequenceLength + slot) * config.embeddingSize)
    }

    /// The scores of movies 1…V for one hidden vector (d values).
    func scores(_ out: UnsafeMutablePointer<T>, hidden vector: UnsafePointer<T>) {
        let d = config.embeddingSize
        let V = config.movieCount
        let p = parameters.pointer
        out.update(from: p + layout.outputBias + 1, count: V)
        T.gemv(rows: V, columns: d, alpha: 1, a: p + layout.outputWeight + d, lda: d, x: vector, beta: 1, y: out)
    }

    /// One pre-norm block: x + Dropout(Attention(LN₁(x))), then + Dropout(FF(LN₂(·))),
    /// as `nn.TransformerEncoderLayer(norm_first: true)`, over B sequences of S slots whose
    /// PAD flags are `pad` (B·S). The output is `a.residual2`.
    func blockForward(_ a: EncoderActivations<T>, _ w: EncoderLayerOffsets, _ x: UnsafePointer<T>,
                      _ B: Int, _ S: Int, _ pad: UnsafePointer<Bool>, training: Bool) {
        let d = config.embeddingSize
        let ff = config.feedForwardSize
        let N = B * S
        let p = parameters.pointer
        let dropout = training && config.dropout > 0
        let rate = config.dropout
        layerNormForward(a.norm1.pointer, a.norm1Mean.pointer, a.norm1Rstd.pointer, x,
                         p + w.norm1Weight, p + w.norm1Bias, N, d)
        linearForward(a.qkv.pointer, a.norm1.pointer, p + w.inProjWeight, p + w.inProjBias, N, d, 3 * d)
        if dropout {
            dropoutMask(a.attentionMask.pointer, B * config.heads * S * S, p: rate, rng: &rng)
        }
        attentionForward(a.attention.pointer, a.probs.pointer, a.weights.pointer, a.qkv.pointer, pad,
                         dropout ? UnsafePointer(a.attentionMask.pointer) : nil, B, S, d, config.heads, causal: true)
        linearForward(a.projection.pointer, a.attention.pointer, p + w.outProjWeight, p + w.outProjBias, N, d, d)
        if dropout {
            dropoutForward(a.residual1.pointer, a.projectionMask.pointer, a.projection.pointer, N * d, p: rate, rng: &rng)
        } else {
            a.residual1.pointer.update(from: a.projection.pointer, count: N * d)
        }
        for i in 0..<(N * d) { a.residual1.pointer[i] += x[i] }
        layerNormForward(a.norm2.pointer, a.norm2Mean.pointer, a.norm2Rstd.pointer, a.residual1.pointer,
                         p + w.norm2Weight, p + w.norm2Bias, N, d)
        linearForward(a.hidden.pointer, a.norm2.pointer, p + w.linear1Weight, p + w.linear1Bias, N, d, ff)
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
        for i in 0..<(N * d) { a.residual2.pointer[i] += a.residual1.pointer[i] }
    }
}
