import Foundation
import Linalg

/// One epoch of Funk/Surprise-style SGD:
/// e = r − (μ + b_u + b_i + p·q); b ← b + η(e − λ_b b); p ← p + η(e q − λ p), q ← q + η(e p − λ q)
/// with p and q updated from their values before the step (a saved copy of p, then
/// BLAS scal + axpy on each: faster in OpenBLAS than one `srotm` for short vectors).
///
/// With T > 1 threads the ratings are split into T×T strata by (user mod T, movie mod T)
/// and each epoch runs T rounds; in round s thread t takes stratum (t, (t + s) mod T), so
/// no two threads touch the same user or movie row (distributed SGD, Gemulla et al. 2011).
/// Within a stratum ratings keep the epoch's shuffled order, so the result is a pure
/// function of the seed and T, with no races.
enum SGDSweep {
    /// One rating packed for the sweep. Shuffling these in place (rather than an index
    /// array into separate columns) keeps the sweep's reads sequential.
    struct Entry {
        var user: Int32
        var movie: Int32
        var value: Float
    }

    static func entries(_ data: IndexedRatings) -> [Entry] {
        (0..<data.count).map { Entry(user: data.userIndex[$0], movie: data.movieIndex[$0], value: data.values[$0]) }
    }

    struct Step {
        var learningRate: Float
        var regularization: Float
        var biasRegularization: Float
    }

    /// Returns the mean squared error of the predictions made before each step.
    static func run(_ order: [Entry], model: inout MatrixFactorizationModel, step: Step, threads: Int) -> Double {
        let strata = threads > 1 ? stratify(order, threads: threads) : [[order]]
        let k = model.factors
        let mean = model.globalMean
        var squaredError = 0.0
        model.userBias.withUnsafeMutableBufferPointer { userBias in
        model.itemBias.withUnsafeMutableBufferPointer { itemBias in
        model.userFactors.storage.withUnsafeMutableBufferPointer { p in
        model.itemFactors.storage.withUnsafeMutableBufferPointer { q in
            guard let bu = userBias.baseAddress, let bi = itemBias.baseAddress,
                  let pBase = p.baseAddress, let qBase = q.baseAddress else { return }
            let shared = Parameters(userBias: .init(base: bu), itemBias: .init(base: bi),
                                    userFactors: .init(base: pBase), itemFactors: .init(base: qBase),
                                    factors: k, mean: mean)
            let count = strata.count
            for round in 0..<count {
                var errors = [Double](repeating: 0, count: count)
                if count == 1 {
                    errors[0] = sweep(strata[0][0], shared, step)
                } else {
                    let results = SharedPointer(base: UnsafeMutablePointer<Double>.allocate(capacity: count))
                    DispatchQueue.concurrentPerform(iterations: count) { thread in
                        results.base[thread] = sweep(strata[thread][(thread + round) % count], shared, step)
                    }
                    for thread in 0..<count { errors[thread] = results.base[thread] }
                    results.base.deallocate()
                }
                for error in errors { squaredError += error }
            }
        }
        }
        }
        }
        return squaredError / Double(max(order.count, 1))
    }

    private struct Parameters: @unchecked Sendable {
        let userBias: SharedPointer<Float>
        let itemBias: SharedPointer<Float>
        let userFactors: SharedPointer<Float>
        let itemFactors: SharedPointer<Float>
        let factors: Int
        let mean: Float
    }

    /// strata[t][c]: ratings with user mod T == t and movie mod T == c, in `order`.
    private static func stratify(_ order: [Entry], threads: Int) -> [[[Entry]]] {
        var strata = [[[Entry]]](repeating: [[Entry]](repeating: [], count: threads), count: threads)
        for entry in order {
            strata[Int(entry.user) % threads][Int(entry.movie) % threads].append(entry)
        }
        return strata
    }

    /// Sum of squared errors over the steps taken.
    private static func sweep(_ entries: [Entry], _ parameters: Parameters, _ step: Step) -> Double {
        let k = parameters.factors
        let bu = parameters.userBias.base, bi = parameters.itemBias.base
        let p = parameters.userFactors.base, q = parameters.itemFactors.base
        let rate = step.learningRate
        let shrink = 1 - rate * step.regularization
        let biasRegularization = step.biasRegularization
        var squaredError = 0.0
        let saved = UnsafeMutablePointer<Float>.allocate(capacity: k)
        defer { saved.deallocate() }
        for entry in entries {
            let u = Int(entry.user), i = Int(entry.movie)
            let pu = p + u * k, qi = q + i * k
            let error = entry.value - (parameters.mean + bu[u] + bi[i] + BLAS.dot(k, pu, qi))
            squaredError += Double(error * error)
            bu[u] += rate * (error - biasRegularization * bu[u])
            bi[i] += rate * (error - biasRegularization * bi[i])
            let gain = rate * error
            saved.update(from: pu, count: k)
            BLAS.scale(k, alpha: shrink, x: pu)
            BLAS.axpy(k, alpha: gain, x: qi, y: pu)
            BLAS.scale(k, alpha: shrink, x: qi)
            BLAS.axpy(k, alpha: gain, x: saved, y: qi)
        }
        return squaredError
    }
}
