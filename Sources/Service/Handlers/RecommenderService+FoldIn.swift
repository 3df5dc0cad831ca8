import Linalg
import Models

extension RecommenderService {
    /// The user's folded-in parameters when fold-in is on and applies to them (unknown to
    /// the model, or known with `knownUsers`), nil to answer from the model as trained.
    func foldedUser(_ user: Int64, in model: ServingModel) throws -> MatrixFactorizationModel.FoldedUser? {
        guard let cache = live.foldIn, cache.applies(to: user, in: model) else { return nil }
        // A shared store is written by other servers too: the cache checks its sequence.
        let sequence = cache.settings.sharedStore ? try store.fingerprint().sequence : nil
        return try cache.folded(user: user, model: model, storeSequence: sequence) {
            try store.history(user: user, limit: cache.settings.historyLimit)
        }
    }
}

extension MatrixFactorizationModel {
    /// The clipped prediction for a folded-in user: μ + b_u + b_i + p_u·q_i with their
    /// solved b_u and p_u, or μ + b_u for a movie the model does not know.
    func predict(folded user: FoldedUser, movieIndex: Int?) -> Float {
        guard let movieIndex else { return clip(globalMean + user.bias) }
        let k = factors
        let dot = user.factors.withUnsafeBufferPointer { p in
            itemFactors.storage.withUnsafeBufferPointer { q -> Float in
                guard let pBase = p.baseAddress, let qBase = q.baseAddress else { return 0 }
                return BLAS.dot(k, pBase, qBase + movieIndex * k)
            }
        }
        return clip(globalMean + user.bias + itemBias[movieIndex] + dot)
    }
}
