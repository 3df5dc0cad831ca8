import Foundation
import Linalg

/// One epoch of Funk/Surprise-style SGD:
/// e = r − (μ + b_u + b_i + p·q); b ← b + η(e − λ_b b); p ← p + η(e q − λ p), q ← q + η(e p − λ q)
/// with p and q updated from their values before the step.
///
/// The weight decay costs no vector pass: during a sweep each row is kept as a scale times
/// a vector (p = a·v, Bottou's trick for L2-regularised SGD), so shrinking multiplies a
/// scalar and a step is one BLAS dot and one fused pass that moves both rows, each by the
/// other's old value. Scales are folded back into the rows when one gets small and at the
/// end of the sweep, so the model outside is plain.
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

    /// The ratings of an epoch in sweep order, on huge pages: shuffling 25M entries in
    /// place is random access over 300 MB (see `HugePageBuffer`).
    final class Order {
        private let storage: HugePageBuffer<Entry>

        init(_ data: IndexedRatings) {
            storage = HugePageBuffer(count: data.count)
            for position in 0..<data.count {
                (storage.base + position).initialize(to: Entry(user: data.userIndex[position],
                                                               movie: data.movieIndex[position],
                                                               value: data.values[position]))
            }
        }

        var entries: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(storage.buffer) }

        /// Fisher–Yates with `generator`'s draws, the same permutation as
        /// `SeededGenerator.shuffle` gives an array.
        func shuffle(_ generator: inout SeededGenerator) {
            let base = storage.base
            guard storage.count > 1 else { return }
            for i in stride(from: storage.count - 1, to: 0, by: -1) {
                let j = generator.nextIndex(below: i + 1)
                if i != j { swap(&base[i], &base[j]) }
            }
        }
    }

    struct Step {
        var learningRate: Float
        var regularization: Float
        var biasRegularization: Float
    }

    /// Returns the mean squared error of the predictions made before each step.
    static func run(_ order: UnsafeBufferPointer<Entry>, model: inout MatrixFactorizationModel, step: Step, threads: Int) -> Double {
        let strata = threads > 1 ? stratify(order, threads: threads) : []
        let k = model.factors
        let mean = model.globalMean
        var squaredError = 0.0
        model.userBias.withUnsafeMutableBufferPointer { userBias in
        model.itemBias.withUnsafeMutableBufferPointer { itemBias in
        model.userFactors.storage.withUnsafeMutableBufferPointer { p in
        model.itemFactors.storage.withUnsafeMutableBufferPointer { q in
            guard let bu = userBias.baseAddress, let bi = itemBias.baseAddress else { return }
            // The sweep works on huge-page copies of the factor tables (see HugePageBuffer).
            let userRows = HugePageBuffer(copying: UnsafeBufferPointer(p))
            let itemRows = HugePageBuffer(copying: UnsafeBufferPointer(q))
            let pBase = userRows.base, qBase = itemRows.base
            let userScale = UnsafeMutablePointer<Float>.allocate(capacity: userBias.count)
            let itemScale = UnsafeMutablePointer<Float>.allocate(capacity: itemBias.count)
            userScale.initialize(repeating: 1, count: userBias.count)
            itemScale.initialize(repeating: 1, count: itemBias.count)
            defer {
                fold(pBase, scales: userScale, rows: userBias.count, factors: k)
                fold(qBase, scales: itemScale, rows: itemBias.count, factors: k)
                userRows.copy(to: p)
                itemRows.copy(to: q)
                userScale.deallocate()
                itemScale.deallocate()
            }
            let shared = Parameters(userBias: .init(base: bu), itemBias: .init(base: bi),
                                    userFactors: .init(base: pBase), itemFactors: .init(base: qBase),
                                    userScale: .init(base: userScale), itemScale: .init(base: itemScale),
                                    factors: k, mean: mean)
            let count = max(strata.count, 1)
            for round in 0..<count {
                var errors = [Double](repeating: 0, count: count)
                if count == 1 {
                    errors[0] = sweep(order, shared, step)
                } else {
                    let results = SharedPointer(base: UnsafeMutablePointer<Double>.allocate(capacity: count))
                    DispatchQueue.concurrentPerform(iterations: count) { thread in
                        results.base[thread] = strata[thread][(thread + round) % count].withUnsafeBufferPointer { sweep($0, shared, step) }
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
        let userScale: SharedPointer<Float>
        let itemScale: SharedPointer<Float>
        let factors: Int
        let mean: Float
    }

    /// strata[t][c]: ratings with user mod T == t and movie mod T == c, in `order`.
    private static func stratify(_ order: UnsafeBufferPointer<Entry>, threads: Int) -> [[[Entry]]] {
        var strata = [[[Entry]]](repeating: [[Entry]](repeating: [], count: threads), count: threads)
        for entry in order {
            strata[Int(entry.user) % threads][Int(entry.movie) % threads].append(entry)
        }
        return strata
    }

    /// v += userGain·w and w += movieGain·v (v's old value) in one pass over both rows. At
    /// 100 factors a step is a few dozen vector instructions, so two axpy calls and the copy
    /// of v they need cost more in call overhead and memory traffic than the arithmetic:
    /// fused, an epoch over MovieLens 100k takes half the time (Benchmarks/training).
    @inline(__always)
    private static func crossStep(_ v: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>, _ k: Int,
                                  userGain: Float, movieGain: Float) {
        typealias Lanes = SIMD8<Float>
        var j = 0
        while j + Lanes.scalarCount <= k {
            let oldV = UnsafeRawPointer(v + j).loadUnaligned(as: Lanes.self)
            let oldW = UnsafeRawPointer(w + j).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(v + j).storeBytes(of: oldV + userGain * oldW, as: Lanes.self)
            UnsafeMutableRawPointer(w + j).storeBytes(of: oldW + movieGain * oldV, as: Lanes.self)
            j += Lanes.scalarCount
        }
        while j < k {
            let oldV = v[j]
            v[j] = oldV + userGain * w[j]
            w[j] += movieGain * oldV
            j += 1
        }
    }

    /// Rows whose scale falls below this are folded back, keeping the stored vectors in range.
    private static let smallestScale: Float = 1e-3

    private static func fold(_ rows: UnsafeMutablePointer<Float>, scales: UnsafeMutablePointer<Float>,
                             rows count: Int, factors k: Int) {
        for row in 0..<count where scales[row] != 1 {
            BLAS.scale(k, alpha: scales[row], x: rows + row * k)
            scales[row] = 1
        }
    }

    /// Sum of squared errors over the steps taken.
    private static func sweep(_ entries: UnsafeBufferPointer<Entry>, _ parameters: Parameters, _ step: Step) -> Double {
        let k = parameters.factors
        let bu = parameters.userBias.base, bi = parameters.itemBias.base
        let p = parameters.userFactors.base, q = parameters.itemFactors.base
        let userScale = parameters.userScale.base, itemScale = parameters.itemScale.base
        let rate = step.learningRate
        let shrink = 1 - rate * step.regularization
        let biasRegularization = step.biasRegularization
        var squaredError = 0.0
        for entry in entries {
            let u = Int(entry.user), i = Int(entry.movie)
            let vu = p + u * k, wi = q + i * k
            let a = userScale[u], b = itemScale[i]
            let error = entry.value - (parameters.mean + bu[u] + bi[i] + a * b * BLAS.dot(k, vu, wi))
            squaredError += Double(error * error)
            bu[u] += rate * (error - biasRegularization * bu[u])
            bi[i] += rate * (error - biasRegularization * bi[i])
            let gain = rate * error
            // p' = shrink·p + gain·q = a'·(v + gain·b/a'·w) with a' = shrink·a; likewise q'.
            let newA = shrink * a, newB = shrink * b
            crossStep(vu, wi, k, userGain: gain * b / newA, movieGain: gain * a / newB)
            userScale[u] = newA
            itemScale[i] = newB
            if newA < smallestScale { fold(vu, scales: userScale + u, rows: 1, factors: k) }
            if newB < smallestScale { fold(wi, scales: itemScale + i, rows: 1, factors: k) }
        }
        return squaredError
    }
}
