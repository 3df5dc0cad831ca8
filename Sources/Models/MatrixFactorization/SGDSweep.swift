import Linalg

/// One epoch of Funk/Surprise-style SGD over the ratings in `order`:
/// e = r − (μ + b_u + b_i + p·q); b ← b + η(e − λ_b b); p ← p + η(e q − λ p), q ← q + η(e p − λ q)
/// with p and q updated from their values before the step. Single-threaded, so the
/// result is a pure function of the seed.
enum SGDSweep {
    /// Returns the mean squared error of the predictions made before each step.
    static func run(_ data: IndexedRatings, order: [Int32], model: inout MatrixFactorizationModel,
                    learningRate: Float, regularization: Float, biasRegularization: Float) -> Double {
        let k = model.factors
        let mean = model.globalMean
        let shrink = 1 - learningRate * regularization
        var squaredError = 0.0
        model.userBias.withUnsafeMutableBufferPointer { userBias in
        model.itemBias.withUnsafeMutableBufferPointer { itemBias in
        model.userFactors.storage.withUnsafeMutableBufferPointer { p in
        model.itemFactors.storage.withUnsafeMutableBufferPointer { q in
            guard let pBase = p.baseAddress, let qBase = q.baseAddress else { return }
            for position in order {
                let u = Int(data.userIndex[Int(position)])
                let i = Int(data.movieIndex[Int(position)])
                let pu = pBase + u * k
                let qi = qBase + i * k
                let error = data.values[Int(position)] - (mean + userBias[u] + itemBias[i] + BLAS.dot(k, pu, qi))
                squaredError += Double(error * error)
                userBias[u] += learningRate * (error - biasRegularization * userBias[u])
                itemBias[i] += learningRate * (error - biasRegularization * itemBias[i])
                let step = learningRate * error
                BLAS.linearCombine(k, x: pu, y: qi, h11: shrink, h12: step, h21: step, h22: shrink)
            }
        }
        }
        }
        }
        return squaredError / Double(max(order.count, 1))
    }
}
