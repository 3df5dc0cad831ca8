import Linalg

extension Recommender {
    /// Page `page` of the best-scored movies not in `excluded` that pass `filter` (non-finite
    /// scores never enter), scores as the API shows them. Movies of the catalogue the model has
    /// not learned join from their peers' scores (`ColdMovie`), except in the most-rated list,
    /// which counts ratings a new movie does not have.
    func top(_ scores: [Float], of model: any RecommenderModel, page: ListPage, excluding excluded: Set<Int64>,
             filter: MovieFilter) -> [ScoredMovie] {
        ranked(scores, of: model, page: page, excluding: excluded, filter: filter, scoresColdMovies: model.kind != .mostRated)
            .map { ScoredMovie(movie: $0.movie, score: model.displayed($0.score), coldStart: $0.coldStart) }
    }

    /// The page cut from one total order: score, then (among the model's movies) its index
    /// as `TopK` breaks ties, with cold movies after model movies of equal score, by id.
    /// Filters are applied to the score vector before the selection, so the page is full
    /// whenever enough movies pass.
    func ranked(_ scores: [Float], of model: any RecommenderModel, page: ListPage, excluding excluded: Set<Int64>,
                filter: MovieFilter, scoresColdMovies: Bool) -> [ScoredMovie] {
        var masked = scores
        for movie in [excluded, filter.excluded].joined() {
            if let index = model.movies.index(of: movie) { masked[index] = -.infinity }
        }
        if let admits = filter.admits {
            for index in masked.indices where masked[index].isFinite && !admits(model.movies.id(at: index)) {
                masked[index] = -.infinity
            }
        }
        let best = masked.withUnsafeBufferPointer { TopK.select($0, k: page.depth) }
            .map { ScoredMovie(movie: model.movies.id(at: $0.index), score: $0.score) }
        guard scoresColdMovies else { return Array(best.dropFirst(page.offset)) }
        let cold = coldMovies.lazy
            .filter { !excluded.contains($0.id) && filter.allows($0.id) }
            .compactMap { movie in movie.score(from: scores, of: model).map { ScoredMovie(movie: movie.id, score: $0, coldStart: true) } }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.movie < $1.movie }
        return Array(Self.merge(best, cold).prefix(page.depth).dropFirst(page.offset))
    }

    /// Two lists each best first merged into one, `first`'s movie before `second`'s at equal score.
    private static func merge(_ first: [ScoredMovie], _ second: [ScoredMovie]) -> [ScoredMovie] {
        var merged: [ScoredMovie] = []
        merged.reserveCapacity(first.count + second.count)
        var i = 0, j = 0
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && first[i].score >= second[j].score) {
                merged.append(first[i]); i += 1
            } else {
                merged.append(second[j]); j += 1
            }
        }
        return merged
    }
}
