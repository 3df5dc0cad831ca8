import Foundation
import Linalg
import Threads

/// Activations for scoring up to `capacity` candidates of one request at a time, with the
/// request's shared part (history tokens, their first-layer projections and attention
/// statistics, the user's share of the head's first layer) computed once by `prepare` and
/// reused by every `score` call. Sized for `capacity`, not for training: no gradients, no
/// dropout masks, GELU and Mish in place.
final class InferenceWorkspace {
    let weights: InferenceWeights
    let capacity: Int
    private let historyTokens, historyQKV, targetQKV: ScalarBuffer<Float>
    /// The head's first-layer bias plus the user's columns times the user's embeddings (`prepare`).
    let headShared: ScalarBuffer<Float>
    private let tokens, layerOutput, qkv, attention, projection, norm1, hidden: ScalarBuffer<Float>
    /// (N, d): the feed-forward block's output, or this part's share of it when split.
    let output2: ScalarBuffer<Float>
    /// One (capacity, width) buffer per hidden block of the head.
    let headHidden: [ScalarBuffer<Float>]
    /// Token rows per pass through the feed-forward block (its activations are (rows, ff)).
    private let feedForwardRows: Int
    let scores: ScalarBuffer<Float>
    private let sharedAttention: SharedHistoryAttention
    private var padding: [Bool]
    /// The thread that runs this workspace's part when it helps another request's workspace;
    /// started the first time it is asked to.
    lazy var partner = PartnerThread(name: "inference")

    init(weights: InferenceWeights, capacity: Int) {
        let config = weights.config
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = capacity * S
        self.weights = weights
        self.capacity = capacity
        historyTokens = ScalarBuffer((S - 1) * d)
        historyQKV = ScalarBuffer((S - 1) * 3 * d)
        targetQKV = ScalarBuffer(capacity * 3 * d)
        headShared = ScalarBuffer(config.hiddenSizes[0])
        tokens = ScalarBuffer(N * d)
        layerOutput = ScalarBuffer(N * d)
        qkv = ScalarBuffer(config.layers > 1 ? N * 3 * d : 0)
        attention = ScalarBuffer(N * d)
        projection = ScalarBuffer(N * d)
        norm1 = ScalarBuffer(N * d)
        feedForwardRows = min(N, 256)
        hidden = ScalarBuffer(feedForwardRows * config.feedForwardSize)
        output2 = ScalarBuffer(N * d)
        headHidden = config.hiddenSizes.map { ScalarBuffer(capacity * $0) }
        scores = ScalarBuffer(capacity)
        sharedAttention = SharedHistoryAttention(sequenceLength: S, width: d, heads: config.heads)
        padding = Array(repeating: true, count: S)
    }

    /// The request's shared part. `movies` and `ratings` are the S − 1 history rows (0 = PAD),
    /// already checked against the tables, as are `user` and `features`.
    func prepare(movies: [Int32], ratings: [Int32], user: Int32, features: [Int32]) {
        let config = weights.config
        let layout = weights.layout
        let S = config.sequenceLength
        let d = config.embeddingSize
        for t in 0..<(S - 1) {
            let row = historyTokens.pointer + t * d
            row.update(from: weights.at(layout.movies + Int(movies[t]) * d), count: d)
            if let ratingTable = layout.ratings { add(row, weights.at(ratingTable + Int(ratings[t]) * d), d) }
            add(row, weights.at(layout.positions + t * d), d)
            padding[t] = movies[t] == 0
        }
        padding[S - 1] = false
        if let first = layout.encoder.first {
            InferenceKernels.linear(historyQKV.pointer, historyTokens.pointer, weights.at(first.inProjWeight),
                                    weights.at(first.inProjBias), S - 1, d, 3 * d)
            sharedAttention.prepare(historyQKV: historyQKV.pointer, padding: Array(padding.prefix(S - 1)))
        }
        // The head's first layer over [encoded | user | features]: bias and the user's columns once.
        var userPart = Array(UnsafeBufferPointer(start: weights.at(layout.users + Int(user) * d), count: d))
        if let gender = layout.gender, let age = layout.ageGroup, let occupation = layout.occupation {
            for (table, size, index) in [(gender, config.genderSize, features[0]), (age, config.ageGroupSize, features[1]),
                                         (occupation, config.occupationSize, features[2])] {
                userPart += UnsafeBufferPointer(start: weights.at(table + Int(index) * size), count: size)
            }
        }
        let head = weights.head
        let outputs = head.blocks[0].outputSize
        headShared.pointer.update(from: head.blocks[0].bias.pointer, count: outputs)
        Float.gemv(rows: outputs, columns: head.userColumns, alpha: 1, a: head.userWeight.pointer,
                   lda: head.userColumns, x: userPart, beta: 1, y: headShared.pointer)
    }

    /// Scores B ≤ capacity candidate movie rows (≥ 1, checked) after `prepare`; the
    /// predictions are in `scores[0..<B]`. With `helpers` (idle workspaces, none prepared),
    /// the feed-forward blocks and the head's first two layers are split by units over this
    /// workspace and the helpers, one thread each, and the parts summed here: a lone request
    /// then uses every core for the layers that hold most of the weights.
    func score(_ candidates: ArraySlice<Int32>, helpers: ArraySlice<InferenceWorkspace> = []) {
        let config = weights.config
        let layout = weights.layout
        let B = candidates.count
        let S = config.sequenceLength
        let d = config.embeddingSize
        let N = B * S
        let team = [self] + helpers
        for (b, movie) in candidates.enumerated() {
            let sequence = tokens.pointer + b * S * d
            sequence.update(from: historyTokens.pointer, count: (S - 1) * d)
            let target = sequence + (S - 1) * d
            target.update(from: weights.at(layout.movies + Int(movie) * d), count: d)
            if !config.useRatings { add(target, weights.at(layout.positions + (S - 1) * d), d) }
        }
        var x = tokens
        var y = layerOutput
        for (l, w) in layout.encoder.enumerated() {
            if l == 0 {
                // only the targets' projections: the history's were made by `prepare`
                InferenceKernels.linear(targetQKV.pointer, x.pointer + (S - 1) * d, weights.at(w.inProjWeight),
                                        weights.at(w.inProjBias), B, d, 3 * d, ldi: S * d)
                sharedAttention.apply(attention.pointer, targetQKV: targetQKV.pointer, B)
            } else {
                InferenceKernels.linear(qkv.pointer, x.pointer, weights.at(w.inProjWeight), weights.at(w.inProjBias), N, d, 3 * d)
                SequenceAttention.forward(attention.pointer, qkv.pointer, padding: padding, B, S, d, config.heads)
            }
            InferenceKernels.linear(projection.pointer, attention.pointer, weights.at(w.outProjWeight),
                                    weights.at(w.outProjBias), N, d, d)
            InferenceKernels.residualLayerNorm(norm1.pointer, x.pointer, projection.pointer,
                                               weights.at(w.norm1Weight), weights.at(w.norm1Bias), N, d)
            let input = UnsafePointer(norm1.pointer)
            Self.inParts(team) { part, workspace in
                workspace.feedForward(layer: l, input, rows: N,
                                      units: Self.range(part, of: team.count, config.feedForwardSize), addsBias: part == 0)
            }
            sumParts(team, \.output2, N * d)
            InferenceKernels.residualLayerNorm(y.pointer, norm1.pointer, output2.pointer,
                                               weights.at(w.norm2Weight), weights.at(w.norm2Bias), N, d)
            swap(&x, &y)
        }
        runHead(encoded: x.pointer, B, team)
    }

    /// This part's share of an encoder layer's feed-forward block: output2 (rows, d) =
    /// GELU(input·W₁ᵀ + b₁)[:, units]·W₂ᵀ[units, :], plus b₂ if `addsBias` (one part does),
    /// by blocks of rows so the (rows, units) activations stay small and in cache.
    private func feedForward(layer l: Int, _ input: UnsafePointer<Float>, rows N: Int, units: Range<Int>, addsBias: Bool) {
        let w = weights.layout.encoder[l]
        let (first, second) = weights.feedForward[l]
        let d = weights.config.embeddingSize
        let ff = weights.config.feedForwardSize
        let width = units.count
        var row = 0
        while row < N {
            let rows = min(feedForwardRows, N - row)
            InferenceKernels.linear(hidden.pointer, input + row * d, first.pointer + units.lowerBound,
                                    weights.at(w.linear1Bias) + units.lowerBound, rows, d, width,
                                    ldw: ff, transposedWeight: true)
            InferenceKernels.gelu(hidden.pointer, rows * width)
            InferenceKernels.linear(output2.pointer + row * d, hidden.pointer, second.pointer + units.lowerBound * d,
                                    addsBias ? weights.at(w.linear2Bias) : nil, rows, width, d,
                                    transposedWeight: true)
            row += rows
        }
    }

    func add(_ row: UnsafeMutablePointer<Float>, _ other: UnsafePointer<Float>, _ count: Int) {
        for c in 0..<count { row[c] += other[c] }
    }
}
