import Foundation
import Linalg

/// The training loss over the network's hidden vectors: cross-entropy of the movie that
/// follows each slot with a target, averaged over those slots.
///
/// - `full`: the softmax over every movie of the catalogue (PAD excluded), exact; costs three
///   (slots × movies × d) products per batch.
/// - `sampled(negatives:)`: the softmax over the true movie and `negatives` movies drawn
///   once per batch (shared by every slot) with probability q ∝ (count + 1)^0.75, each logit
///   corrected by −log q (the logQ correction, so the sampled softmax estimates the full
///   one) and a drawn movie equal to the slot's own target masked out. Costs
///   (slots × negatives × d) per product, for catalogues where the full softmax is too slow.
final class NextMovieOutput<T: BLASScalar> {
    enum Loss: Equatable, Sendable {
        case full
        case sampled(negatives: Int)
    }

    let loss: Loss
    /// Mask the movies already in the window from each slot's softmax (full loss only).
    let excludeSeen: Bool
    let movieCount: Int
    let width: Int
    private let maxRows: Int
    private let rows: UnsafeMutablePointer<Int>
    private let gathered, dgathered, logits: ScalarBuffer<T>
    /// Sampled mode: the drawn movies, their −log q, the gathered output rows and their gradients.
    private let negatives: UnsafeMutablePointer<Int32>
    private let logQ: [T]
    private let cumulative: [Double]
    private let candidateRows, dcandidateRows: ScalarBuffer<T>
    private let negativeCount: Int

    /// - Parameter counts: training ratings per movie index (0…V; sampled mode draws by them).
    init(loss: Loss, config: NextMovieConfig, maxBatch: Int, counts: [Int] = [], excludeSeen: Bool = false) {
        self.loss = loss
        self.excludeSeen = excludeSeen
        movieCount = config.movieCount
        let d = config.embeddingSize
        maxRows = maxBatch * config.sequenceLength
        rows = .allocate(capacity: maxRows)
        gathered = ScalarBuffer(maxRows * d)
        dgathered = ScalarBuffer(maxRows * d)
        switch loss {
        case .full:
            negativeCount = 0
            width = movieCount
            logQ = []
            cumulative = []
        case let .sampled(k):
            negativeCount = k
            width = k + 1
            let weights = (1...movieCount).map { pow(Double($0 < counts.count ? counts[$0] : 0) + 1, 0.75) }
            let total = weights.reduce(0, +)
            logQ = [0] + weights.map { T(-log($0 / total)) }
            var running = 0.0
            cumulative = weights.map { running += $0 / total; return running }
        }
        negatives = .allocate(capacity: max(negativeCount, 1))
        candidateRows = ScalarBuffer(negativeCount * d)
        dcandidateRows = ScalarBuffer(negativeCount * d)
        logits = ScalarBuffer(maxRows * width)
    }

    deinit {
        rows.deallocate()
        negatives.deallocate()
    }

    /// Draws the shared negatives of the next batch (sampled mode; nothing otherwise).
    func drawNegatives(_ rng: inout SeededGenerator) {
        for k in 0..<negativeCount {
            let u = rng.nextUniform()
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < u { low = mid + 1 } else { high = mid }
            }
            negatives[k] = Int32(low + 1)
        }
    }

    /// The mean cross-entropy of the network's last forward; writes ∂loss/∂hidden into the
    /// network's `dhidden` and accumulates the output table's and bias's gradients.
    func lossAndGradient(_ network: NextMovieNetwork<T>) -> T {
        let d = network.config.embeddingSize
        let N = network.batchSize * network.config.sequenceLength
        let p = network.parameters.pointer
        let g = network.gradients.pointer
        let layout = network.layout
        var R = 0
        for n in 0..<N where network.targets[n] != 0 {
            rows[R] = n
            (gathered.pointer + R * d).update(from: network.hidden.pointer + n * d, count: d)
            R += 1
        }
        network.dhidden.zero()
        guard R > 0 else { return 0 }
        let W = p + layout.outputWeight
        let bias = p + layout.outputBias
        let dW = g + layout.outputWeight
        let dbias = g + layout.outputBias
        let total: T
        switch loss {
        case .full:
            for r in 0..<R { (logits.pointer + r * width).update(from: bias + 1, count: width) }
            T.gemm(transposeA: false, transposeB: true, m: R, n: width, k: d, alpha: 1, a: gathered.pointer, lda: d,
                   b: W + d, ldb: d, beta: 1, c: logits.pointer, ldc: width)
            if excludeSeen { maskSeen(network, R) }
            total = softmaxCrossEntropy(R) { r in Int(network.targets[rows[r]]) - 1 }
            T.gemm(transposeA: false, transposeB: false, m: R, n: d, k: width, alpha: 1, a: logits.pointer, lda: width,
                   b: W + d, ldb: d, beta: 0, c: dgathered.pointer, ldc: d)
            T.gemm(transposeA: true, transposeB: false, m: width, n: d, k: R, alpha: 1, a: logits.pointer, lda: width,
                   b: gathered.pointer, ldb: d, beta: 1, c: dW + d, ldc: d)
            for r in 0..<R {
                let row = logits.pointer + r * width
                for j in 0..<width { dbias[j + 1] += row[j] }
            }
        case .sampled:
            let K = negativeCount
            for k in 0..<K { (candidateRows.pointer + k * d).update(from: W + Int(negatives[k]) * d, count: d) }
            for r in 0..<R {
                let row = logits.pointer + r * width
                let target = Int(network.targets[rows[r]])
                let h = gathered.pointer + r * d
                var positive = bias[target] + logQ[target]
                for c in 0..<d { positive += h[c] * W[target * d + c] }
                row[0] = positive
                for k in 0..<K { row[k + 1] = bias[Int(negatives[k])] + logQ[Int(negatives[k])] }
            }
            T.gemm(transposeA: false, transposeB: true, m: R, n: K, k: d, alpha: 1, a: gathered.pointer, lda: d,
                   b: candidateRows.pointer, ldb: d, beta: 1, c: logits.pointer + 1, ldc: width)
            for r in 0..<R {
                let target = network.targets[rows[r]]
                let row = logits.pointer + r * width
                for k in 0..<K where negatives[k] == target { row[k + 1] = -T.infinity }
            }
            total = softmaxCrossEntropy(R) { _ in 0 }
            // dgathered = dlogits[:, 1…] · candidates + dlogits[:, 0] · W[target]
            T.gemm(transposeA: false, transposeB: false, m: R, n: d, k: K, alpha: 1, a: logits.pointer + 1, lda: width,
                   b: candidateRows.pointer, ldb: d, beta: 0, c: dgathered.pointer, ldc: d)
            dcandidateRows.zero()
            T.gemm(transposeA: true, transposeB: false, m: K, n: d, k: R, alpha: 1, a: logits.pointer + 1, lda: width,
                   b: gathered.pointer, ldb: d, beta: 0, c: dcandidateRows.pointer, ldc: d)
            for r in 0..<R {
                let row = logits.pointer + r * width
                let target = Int(network.targets[rows[r]])
                let h = gathered.pointer + r * d
                let dh = dgathered.pointer + r * d
                let gradient = row[0]
                for c in 0..<d {
                    dh[c] += gradient * W[target * d + c]
                    dW[target * d + c] += gradient * h[c]
                }
                dbias[target] += gradient
                for k in 0..<K { dbias[Int(negatives[k])] += row[k + 1] }
            }
            for k in 0..<K {
                let dst = dW + Int(negatives[k]) * d
                let src = dcandidateRows.pointer + k * d
                for c in 0..<d { dst[c] += src[c] }
            }
        }
        for r in 0..<R {
            (network.dhidden.pointer + rows[r] * d).update(from: dgathered.pointer + r * d, count: d)
        }
        return total
    }

    /// Sets to −∞ the logits of the movies each target slot's window holds up to that slot:
    /// a user rates a movie once, so what they already rated is never next, and serving
    /// leaves rated movies out of every list.
    private func maskSeen(_ network: NextMovieNetwork<T>, _ R: Int) {
        let S = network.config.sequenceLength
        for r in 0..<R {
            let slot = rows[r]
            let target = network.targets[slot]
            let row = logits.pointer + r * width
            for earlier in stride(from: slot, through: slot - slot % S, by: -1) {
                let movie = network.movies[earlier]
                if movie == 0 { break }
                if movie != target { row[Int(movie) - 1] = -T.infinity }
            }
        }
    }

    /// Turns each of the R logit rows into softmax − one-hot(target column), divided by R (the
    /// gradient of the mean cross-entropy), and returns that mean.
    private func softmaxCrossEntropy(_ R: Int, target: (Int) -> Int) -> T {
        let w = width
        let scale = 1 / T(R)
        let targets = (0..<R).map(target)
        var losses = [T](repeating: 0, count: R)
        losses.withUnsafeMutableBufferPointer { losses in
            parallelRanges(R, minimumPerThread: max(1, 65_536 / w)) { rows in
                for r in rows {
                    let row = logits.pointer + r * w
                    let maximum = rowMaximum(row, w)
                    let targetLogit = row[targets[r]]
                    let normalizer = softmaxInPlace(row, w, maximum: maximum)
                    losses[r] = maximum + T.log1p(normalizer - 1) - targetLogit // normalizer ≥ 1: the maximum contributes e⁰
                    let inverse = scale / normalizer
                    for j in 0..<w { row[j] *= inverse }
                    row[targets[r]] -= scale
                }
            }
        }
        return losses.reduce(0, +) / T(R)
    }
}
