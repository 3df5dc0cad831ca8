extension Recommender {
    /// For each of `movies`, the user's liked movies (rated at or above their own mean) that
    /// weigh most for it (at most `limit`, positive weights only): a movie they rated low
    /// is no reason to show them another like it. Weighed in the item representation of the model that
    /// answered: EASE's item–item weights (what having rated a movie adds to the score), the cosine
    /// of MF's, iALS's or the next-movie transformer's item vectors. A blend is explained by
    /// its most weighted component that can compare movies, the rating transformer (whose
    /// attention depends on the target) by MF's factors. A movie the explaining model has not
    /// learned (a cold-start movie) gets no reasons.
    public func explain(_ user: UserContext, movies: [Int64], answeredBy kind: ModelKind, limit: Int = 3) throws -> Explanation {
        guard let explainer = explainingModel(for: kind) else {
            return Explanation(model: nil, reasons: movies.map { _ in [] })
        }
        let ratings = try user.allRatings()
        let mean = ratings.reduce(0) { $0 + $1.value } / Float(max(ratings.count, 1))
        let rated = ratings.filter { $0.value >= mean }
            .compactMap { rating in explainer.movies.index(of: rating.movie).map { (rating, $0) } }
        let reasons = movies.map { movie -> [Reason] in
            guard let target = explainer.movies.index(of: movie), let similarities = explainer.similarities(to: target) else { return [] }
            return rated.lazy
                .filter { $0.1 != target && similarities[$0.1] > 0 }
                .map { Reason(movie: $0.0.movie, rating: $0.0.value, weight: similarities[$0.1]) }
                .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.movie < $1.movie }
                .prefix(limit)
                .map { $0 }
        }
        return Explanation(model: explainer.kind, reasons: reasons)
    }

    /// The model whose item representation explains an answer of `kind`.
    private func explainingModel(for kind: ModelKind) -> (any RecommenderModel)? {
        let candidates: [ModelKind]
        switch kind {
        case .blend:
            candidates = models.blend.map { blend in
                zip(blend.blend.models, blend.blend.weights).sorted { $0.1 > $1.1 }.compactMap { ModelKind(rawValue: $0.0) }
            } ?? []
        case .transformer: candidates = [.matrixFactorization]
        case .mostRated: candidates = []
        default: candidates = [kind]
        }
        return candidates.lazy.compactMap { models.model($0) }.first { $0.movies.count > 0 && $0.similarities(to: 0) != nil }
    }
}
