import Foundation
import Linalg

/// One epoch of alternating least squares with biases: every user's [p_u; b_u] solved with
/// movies fixed, then every movie's [q_i; b_i] with users fixed. Each solve reads only the
/// fixed side and writes only its own row, so solving rows on several threads gives the
/// same bits as solving them in order.
enum ALSSweep {
    struct Groups {
        let byUser: (offsets: [Int], entries: [Int32])
        let byMovie: (offsets: [Int], entries: [Int32])
    }

    static func run(_ data: IndexedRatings, groups: Groups, model: inout MatrixFactorizationModel,
                    configuration: MatrixFactorizationConfiguration) throws {
        let mean = model.globalMean
        try solveSide(data, groups.byUser, ownIndex: data.userIndex, otherIndex: data.movieIndex,
                      own: &model.userFactors.storage, ownBias: &model.userBias,
                      other: model.itemFactors.storage, otherBias: model.itemBias,
                      mean: mean, configuration: configuration)
        try solveSide(data, groups.byMovie, ownIndex: data.movieIndex, otherIndex: data.userIndex,
                      own: &model.itemFactors.storage, ownBias: &model.itemBias,
                      other: model.userFactors.storage, otherBias: model.userBias,
                      mean: mean, configuration: configuration)
    }

    private static func solveSide(
        _ data: IndexedRatings, _ group: (offsets: [Int], entries: [Int32]),
        ownIndex: [Int32], otherIndex: [Int32],
        own: inout [Float], ownBias: inout [Float], other: [Float], otherBias: [Float],
        mean: Float, configuration: MatrixFactorizationConfiguration
    ) throws {
        let k = configuration.factors
        let rows = group.offsets.count - 1
        let chunks = max(1, min(configuration.threads, rows))
        let failure = FailureBox()
        own.withUnsafeMutableBufferPointer { ownBuffer in
        ownBias.withUnsafeMutableBufferPointer { biasBuffer in
        other.withUnsafeBufferPointer { otherBuffer in
            guard let ownBase = ownBuffer.baseAddress, let biasBase = biasBuffer.baseAddress,
                  let otherBase = otherBuffer.baseAddress else { return }
            let ownRows = SharedPointer(base: ownBase), biases = SharedPointer(base: biasBase)
            let fixed = SharedPointer(base: UnsafeMutablePointer(mutating: otherBase))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var solver = RidgeSolver(factors: k)
                var row = chunk
                while row < rows {
                    defer { row += chunks }
                    let begin = group.offsets[row], end = group.offsets[row + 1]
                    guard end > begin else { continue }
                    let count = end - begin
                    let scale: Float = configuration.scaleRegularizationByCount ? Float(count) : 1
                    do {
                        let solution = try solver.solve(
                            count: count,
                            row: { UnsafePointer(fixed.base + Int(otherIndex[Int(group.entries[begin + $0])]) * k) },
                            target: {
                                let position = Int(group.entries[begin + $0])
                                return data.values[position] - mean - otherBias[Int(otherIndex[position])]
                            },
                            regularization: configuration.regularization * scale,
                            biasRegularization: configuration.biasRegularization * scale)
                        (ownRows.base + row * k).update(from: solution, count: k)
                        biases.base[row] = solution[k]
                    } catch {
                        failure.record(error)
                        return
                    }
                }
            }
        }
        }
        }
        if let error = failure.error { throw error }
    }
}
