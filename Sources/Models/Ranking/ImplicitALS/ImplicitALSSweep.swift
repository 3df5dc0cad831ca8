import Foundation
import Linalg

/// Half an iALS epoch: every row of one side (users, or movies) solved against the other
/// side held fixed. Each row reads only the fixed side and writes only itself, and its
/// entries are always in the same (ascending index) order, so solving rows on several
/// threads gives the same bits as solving them in order.
enum ImplicitALSSweep {
    /// One side of the training data with each entry's weights and each row's regularisation.
    struct Side {
        let groups: ImplicitFeedback.Groups
        let gramWeights: [Float]
        let targetWeights: [Float]
        let regularization: [Float]

        init(_ groups: ImplicitFeedback.Groups, others: Int, weights: ImplicitWeights) {
            self.groups = groups
            gramWeights = groups.values.map(weights.gram)
            targetWeights = groups.values.map(weights.target)
            regularization = (0..<groups.count).map { weights.regularization(count: groups.range($0).count, others: others) }
        }
    }

    /// α₀·FᵀF for the rows of `fixed`, a full symmetric k × k row-major matrix: the
    /// unobserved pairs' share of every row's normal equations. syrk computes the lower
    /// triangle; it is mirrored so that the CG steps multiply with gemv, which OpenBLAS runs
    /// several times faster than symv at these sizes (symv was the largest cost of an epoch).
    static func scaledGram(of fixed: Matrix, weight: Float) -> [Float] {
        let k = fixed.columns
        var gram = [Float](repeating: 0, count: k * k)
        fixed.storage.withUnsafeBufferPointer { f in
            gram.withUnsafeMutableBufferPointer { g in
                guard let fBase = f.baseAddress, let gBase = g.baseAddress else { return }
                BLAS.gramLower(n: k, rows: fixed.rows, alpha: weight, a: fBase, lda: k, c: gBase, ldc: k)
            }
        }
        for i in 0..<k {
            for j in 0..<i { gram[j * k + i] = gram[i * k + j] }
        }
        return gram
    }

    /// Solves every row of `own` (warm-started from its current value when the solver is
    /// CG) and returns the sum of the rows' `observedLoss` when `measureLoss`, else 0.
    static func solve(_ side: Side, own: inout Matrix, fixed: Matrix, scaledGram: [Float],
                      configuration: ImplicitALSConfiguration, measureLoss: Bool) throws -> Double {
        let k = configuration.factors
        let rows = side.groups.count
        let chunks = max(1, min(configuration.threads, rows))
        let failure = FailureBox()
        var losses = [Double](repeating: 0, count: measureLoss ? rows : 0)
        own.storage.withUnsafeMutableBufferPointer { ownBuffer in
        losses.withUnsafeMutableBufferPointer { lossBuffer in
        fixed.storage.withUnsafeBufferPointer { fixedBuffer in
        scaledGram.withUnsafeBufferPointer { gramBuffer in
        side.groups.other.withUnsafeBufferPointer { others in
        side.gramWeights.withUnsafeBufferPointer { gramWeights in
        side.targetWeights.withUnsafeBufferPointer { targetWeights in
            guard let ownBase = ownBuffer.baseAddress, let fixedBase = fixedBuffer.baseAddress,
                  let gram = gramBuffer.baseAddress, let otherBase = others.baseAddress,
                  let aBase = gramWeights.baseAddress, let bBase = targetWeights.baseAddress else { return }
            let ownRows = SharedPointer(base: ownBase)
            // Not the empty array's base address, which is shared memory and not nil.
            let rowLosses = measureLoss ? lossBuffer.baseAddress.map { SharedPointer(base: $0) } : nil
            let inputs = SharedInputs(fixed: fixedBase, gram: gram, others: otherBase, a: aBase, b: bBase)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let solver = ImplicitRowSolver(factors: k)
                var row = chunk
                while row < rows {
                    defer { row += chunks }
                    let begin = side.groups.offsets[row], end = side.groups.offsets[row + 1]
                    let problem = ImplicitRowSolver.Problem(
                        count: end - begin, others: inputs.others + begin, fixed: inputs.fixed,
                        gramWeights: inputs.a + begin, targetWeights: inputs.b + begin,
                        scaledGram: inputs.gram, regularization: side.regularization[row])
                    let x = ownRows.base + row * k
                    do {
                        switch configuration.solver {
                        case .cholesky: try solver.solveExactly(problem, x: x)
                        case .conjugateGradient: solver.refine(problem, x: x, steps: configuration.conjugateGradientSteps)
                        }
                    } catch {
                        failure.record(error)
                        return
                    }
                    if let rowLosses { rowLosses.base[row] = solver.observedLoss(problem, x: x) }
                }
            }
        }
        }
        }
        }
        }
        }
        }
        if let error = failure.error { throw error }
        return losses.reduce(0, +)
    }

    /// Read-only pointers shared by the worker threads.
    private struct SharedInputs: @unchecked Sendable {
        let fixed: UnsafePointer<Float>
        let gram: UnsafePointer<Float>
        let others: UnsafePointer<Int32>
        let a: UnsafePointer<Float>
        let b: UnsafePointer<Float>
    }
}
