import Foundation
import Linalg

/// Data-parallel training steps: a batch is cut into one part per core, each part runs its
/// forward, loss and backward on a network of its own (sharing one parameter buffer, with
/// OpenBLAS single-threaded), and the parts' gradients are summed, each weighted by its
/// share of the batch's targets, so the step is that of the whole batch's mean loss. Small
/// products parallelise badly inside OpenBLAS (a 50×50 attention product per head and
/// sequence); whole half-batches do not.
final class NextMovieShards {
    let networks: [NextMovieNetwork<Float>]
    private let outputs: [NextMovieOutput<Float>]
    private var batches: [NextMovieBatch]

    /// The first network owns and initialises the parameters.
    init(config: NextMovieConfig, loss: NextMovieOutput<Float>.Loss, excludeSeen: Bool, batchSize: Int, parts: Int,
         seed: UInt64, counts: [Int]) {
        let parts = max(1, min(parts, batchSize))
        let perPart = (batchSize + parts - 1) / parts
        let first = NextMovieNetwork<Float>(config: config, maxBatch: perPart, seed: seed)
        networks = [first] + (1..<parts).map { part in
            NextMovieNetwork<Float>(config: config, maxBatch: perPart, seed: seed &+ UInt64(part) &* 0x9E37,
                                    parameters: first.parameters)
        }
        outputs = networks.map { _ in
            NextMovieOutput(loss: loss, config: config, maxBatch: perPart, counts: counts, excludeSeen: excludeSeen)
        }
        batches = Array(repeating: NextMovieBatch(count: 0, movies: [], ratings: [], targets: []), count: parts)
    }

    var parameters: ScalarBuffer<Float> { networks[0].parameters }
    /// The summed gradient after `step`.
    var gradients: ScalarBuffer<Float> { networks[0].gradients }

    /// Forward and backward of the windows at `indices`; returns the summed loss (mean loss ×
    /// targets) and the number of targets.
    func step(_ sequences: NextMovieSequences, _ indices: ArraySlice<Int>) throws -> (loss: Double, targets: Int) {
        let parts = min(networks.count, indices.count)
        let perPart = (indices.count + parts - 1) / parts
        for part in 0..<parts {
            let start = indices.startIndex + part * perPart
            sequences.fill(&batches[part], indices[start..<min(indices.endIndex, start + perPart)])
        }
        var losses = [Double](repeating: 0, count: parts)
        var targets = [Int](repeating: 0, count: parts)
        let failure = FailureBox()
        let batches = self.batches
        losses.withUnsafeMutableBufferPointer { losses in
            targets.withUnsafeMutableBufferPointer { targets in
                inParallel(parts) { part in
                    let network = networks[part]
                    do {
                        try network.load(batches[part])
                    } catch {
                        failure.record(error)
                        return
                    }
                    network.zeroGradients()
                    outputs[part].drawNegatives(&network.rng)
                    network.encode(training: true)
                    let count = batches[part].targets.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
                    losses[part] = Double(outputs[part].lossAndGradient(network)) * Double(count)
                    targets[part] = count
                    network.backward()
                }
            }
        }
        if let error = failure.error { throw error }
        let total = targets.reduce(0, +)
        guard total > 0 else { return (0, 0) }
        let sum = networks[0].gradients
        BLAS.scale(sum.count, alpha: Float(targets[0]) / Float(total), x: sum.pointer)
        for part in 1..<parts {
            BLAS.axpy(sum.count, alpha: Float(targets[part]) / Float(total), x: networks[part].gradients.pointer, y: sum.pointer)
        }
        return (losses.reduce(0, +), total)
    }

    /// Eval-mode scores of movies 1…V for what follows each input (S movie rows, left-padded,
    /// and their star indices), the inputs shared out over the parts: how validation ranks
    /// every user after each epoch without a pass per user.
    func scores(_ inputs: [(movies: [Int32], ratings: [Int32])]) throws -> [[Float]] {
        let V = networks[0].config.movieCount
        let S = networks[0].config.sequenceLength
        var results = [[Float]](repeating: [], count: inputs.count)
        let failure = FailureBox()
        let parts = networks.count
        let perPart = (inputs.count + parts - 1) / parts
        results.withUnsafeMutableBufferPointer { results in
            inParallel(parts) { part in
                let network = networks[part]
                var start = part * perPart
                let end = min(inputs.count, start + perPart)
                while start < end {
                    let chunk = start..<min(end, start + network.maxBatch)
                    var batch = NextMovieBatch(count: chunk.count, movies: [], ratings: [],
                                               targets: [Int32](repeating: 0, count: chunk.count * S))
                    for i in chunk {
                        batch.movies += inputs[i].movies
                        batch.ratings += inputs[i].ratings
                    }
                    do {
                        try network.load(batch)
                    } catch {
                        failure.record(error)
                        return
                    }
                    network.encode(training: false)
                    for (b, i) in chunk.enumerated() {
                        var out = [Float](repeating: 0, count: V)
                        out.withUnsafeMutableBufferPointer { buffer in
                            if let base = buffer.baseAddress { network.scores(base, sequence: b, slot: S - 1) }
                        }
                        results[i] = out
                    }
                    start = chunk.upperBound
                }
            }
        }
        if let error = failure.error { throw error }
        return results
    }

    /// Runs `body(part)` for every part at once, each on a thread whose element-wise layers
    /// stay on it. The caller keeps OpenBLAS single-threaded (`NextMovieTrainer`): the parts
    /// are the parallelism.
    private func inParallel(_ parts: Int, _ body: (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            SerialElementwise.run { body(part) }
        }
    }
}
