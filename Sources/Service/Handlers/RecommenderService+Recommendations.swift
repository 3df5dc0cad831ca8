import HTTP
import Linalg

extension RecommenderService {
    /// `GET /recommendations/:user?k=`: the k best-scored movies the user has not rated
    /// (ratings posted since training included), from one gemv and a partial selection;
    /// when the transformer can read the user's history it re-ranks MF's best
    /// `rerankCandidates` in one batched pass. An unknown user gets the precomputed popular
    /// list minus what they rated, unless fold-in gives them personal factors from the
    /// ratings they posted.
    func recommendations(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.requiredID(path: "user")
        let k = try request.integer(query: "k", default: 10, in: 1...1000)
        let model = try servingModel()
        let mf = model.mf
        let rated = try store.ratedMovies(user: user)
        let ratedIndices = Set(rated.compactMap { mf.movies.index(of: $0) })
        var items: [(movie: Int64, score: Float)]
        let coldStart: Bool
        var answeredBy = "mf"
        let folded = try foldedUser(user, in: model)
        let userIndex = mf.users.index(of: user)
        if folded != nil || userIndex != nil {
            var scores = folded.map { mf.scores(userFactors: $0.factors, userBias: $0.bias) }
                ?? mf.scores(forUser: userIndex ?? 0)
            // Rated movies drop out of the selection, which skips non-finite scores.
            for index in ratedIndices { scores[index] = -.infinity }
            let pool = model.transformer == nil ? k : max(k, rerankCandidates)
            let best = scores.withUnsafeBufferPointer { TopK.select($0, k: pool) }
            items = best.map { (mf.movies.id(at: $0.index), mf.clip($0.score)) }
            coldStart = false
            if let transformer = model.transformer {
                // Only MF's best `rerankCandidates` are re-ranked (a long list stays in MF's
                // order after them), so the cost of a request is bounded whatever k is.
                // Candidates the transformer has never seen keep their MF score.
                let head = Array(items.prefix(rerankCandidates))
                let known = head.filter { transformer.vocabulary.movies.index(of: $0.movie) != nil }
                if case let .scores(reranked) = try transformerScores(user: user, candidates: known.map(\.movie), model: model) {
                    let rescored = Dictionary(uniqueKeysWithValues: zip(known.map(\.movie), reranked))
                    items = head.map { ($0.movie, rescored[$0.movie] ?? $0.score) }
                        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.movie < $1.movie }
                        + items.dropFirst(rerankCandidates)
                    answeredBy = "transformer"
                }
            }
            items = Array(items.prefix(k))
        } else {
            items = model.popularMovies.lazy
                .filter { !ratedIndices.contains($0) }
                .prefix(k)
                .map { (mf.movies.id(at: $0), mf.clip(mf.globalMean + mf.itemBias[$0])) }
            coldStart = true
        }
        var writer = JSONWriter(capacity: 64 + 80 * items.count)
        writer.beginObject()
        writer.field("user", user)
        writer.field("model", coldStart ? "popularity" : answeredBy)
        writer.field("cold_start", coldStart)
        if folded != nil { writer.field("folded_in", true) }
        writeScoredMovies(items, key: "items", into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}
