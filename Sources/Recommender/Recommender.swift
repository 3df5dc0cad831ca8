import Linalg
import Models

/// Composes the models of one model file into the three answers the API gives —
/// a predicted rating, a top-k list, similar movies — each with its provenance. The one
/// place that decides which model answers and what happens when it cannot.
public struct Recommender: Sendable {
    public let models: RecommenderModels
    /// Names the model file: fold-ins are cached per version.
    public let version: String
    public let foldIn: (any FoldInProvider)?
    /// How many of the base ranker's best movies the transformer re-ranks.
    public let rerankCandidates: Int
    /// Catalogue movies the models have not learned yet, scored from their peers.
    public let coldMovies: [ColdMovie]

    public init(models: RecommenderModels, version: String, foldIn: (any FoldInProvider)? = nil,
                rerankCandidates: Int = 100, coldMovies: [ColdMovie] = []) {
        self.models = models
        self.version = version
        self.foldIn = foldIn
        self.rerankCandidates = rerankCandidates
        self.coldMovies = coldMovies
    }

    // MARK: - Predict

    /// The user's predicted rating of `movie`: the transformer when the file holds one and
    /// it can read the user's history (unless MF is asked for), else MF for a known or
    /// folded-in user, else MF's biases flagged as cold start.
    /// - Throws: `RecommenderError` when `requested` cannot predict or cannot answer.
    public func predict(_ user: UserContext, movie: Int64, using requested: ModelKind? = nil) throws -> Prediction {
        try predict(user, movies: [movie], using: requested)[0].get()
    }

    /// The user's predicted ratings of `movies`, in order, each its own result (as
    /// `predict(_:movie:using:)` decides it): the transformer rates every movie it knows in
    /// one batched pass over the user's history, read once.
    /// - Throws: `RecommenderError` when `requested` cannot predict at all; store errors.
    public func predict(_ user: UserContext, movies: [Int64],
                        using requested: ModelKind? = nil) throws -> [Result<Prediction, RecommenderError>] {
        switch requested {
        case nil, .transformer?, .matrixFactorization?: break
        case let kind?: throw RecommenderError.unsupported(kind, what: "predict ratings")
        }
        let transformed = requested == .matrixFactorization ? nil : try transformerRatings(user, movies: movies)
        return try movies.enumerated().map { position, movie in
            switch transformed?[position] {
            case let .scores(ratings)?:
                return .success(Prediction(rating: ratings[0], provenance: Provenance(model: .transformer)))
            case let .unavailable(reason)? where requested == .transformer:
                return .failure(.modelUnavailable(.transformer, reason: reason))
            default:
                return .success(try matrixFactorizationRating(user, movie: movie))
            }
        }
    }

    /// MF's prediction, through fold-in when it applies. A movie MF has not learned is
    /// predicted as its peers are (see `ColdMovie`), and from MF's biases alone when it has none.
    private func matrixFactorizationRating(_ user: UserContext, movie: Int64) throws -> Prediction {
        let mf = models.mf.model
        let movieIndex = mf.movies.index(of: movie)
        let peers: [Int?] = movieIndex == nil
            ? (coldMovies.first { $0.id == movie }?.peers ?? []).compactMap(mf.movies.index(of:)) : []
        let targets: [Int?] = movieIndex.map { [$0] } ?? (peers.isEmpty ? [nil] : peers)
        func mean(_ predict: (Int?) -> Float) -> Float { targets.reduce(0) { $0 + predict($1) } / Float(targets.count) }
        if let folded = try foldIn?.folded(user, in: mf, version: version) {
            return Prediction(rating: mean { mf.predict(folded: folded, movieIndex: $0) },
                              provenance: Provenance(model: .matrixFactorization, coldStart: movieIndex == nil ? .movie : nil,
                                                     foldedIn: true))
        }
        let userIndex = user.row(in: mf.users)
        let coldStart: ColdStart?
        switch (userIndex != nil, movieIndex != nil) {
        case (true, true): coldStart = nil
        case (false, true): coldStart = .user
        case (true, false): coldStart = .movie
        case (false, false): coldStart = .userAndMovie
        }
        return Prediction(rating: mean { mf.predict(userIndex: userIndex, movieIndex: $0) },
                          provenance: Provenance(model: .matrixFactorization, coldStart: coldStart))
    }

    /// The transformer's answer for each of `movies` (a one-element score list, or why it
    /// has none), from one batched pass over the movies it knows.
    private func transformerRatings(_ user: UserContext, movies: [Int64]) throws -> [ModelAnswer] {
        guard let transformer = models.transformer else {
            return movies.map { _ in .unavailable("the serving model file holds no transformer") }
        }
        let indices = movies.map { transformer.movies.index(of: $0) }
        let known = indices.compactMap { $0 }
        let batch = known.isEmpty ? ModelAnswer.unavailable("") : try transformer.predictedRatings(for: user, candidates: known)
        var position = 0
        return zip(movies, indices).map { movie, index in
            guard index != nil else { return .unavailable("movie \(movie) is not in the transformer's vocabulary") }
            defer { position += 1 }
            switch batch {
            case let .scores(ratings): return .scores([ratings[position]])
            case let .unavailable(reason): return .unavailable(reason)
            }
        }
    }

    // MARK: - Recommend

    /// Page `page` of the movies the user has not rated that pass `filter`, best first,
    /// from `requested` or the default ranker, scored over the whole catalogue in one
    /// product (movies the ranker has not learned yet from their peers). A user the ranker
    /// has nothing personal for gets the most-rated movies, flagged as cold start.
    public func recommend(_ user: UserContext, page: ListPage, filter: MovieFilter = .none,
                          using requested: ModelKind? = nil) throws -> Recommendations {
        let kind = requested ?? models.defaultRanker
        if kind == .transformer {
            return try rerankedByTransformer(user, page: page, filter: filter, asked: requested == .transformer)
        }
        guard let model = models.model(kind) else { throw RecommenderError.modelNotInFile(kind) }
        let rated = try user.ratedMovies()
        let (answer, foldedIn) = try catalogueScores(model, user)
        guard case let .scores(scores) = answer else { return coldStart(rated: rated, page: page, filter: filter) }
        return Recommendations(items: top(scores, of: model, page: page, excluding: rated, filter: filter),
                               provenance: Provenance(model: kind, foldedIn: foldedIn))
    }

    /// The first `k` movies of the list: `recommend(_:page:filter:using:)` from the top.
    public func recommend(_ user: UserContext, k: Int, using requested: ModelKind? = nil) throws -> Recommendations {
        try recommend(user, page: ListPage(count: k), using: requested)
    }

    /// Scores of every movie, through MF fold-in when it applies to the user.
    private func catalogueScores(_ model: any RecommenderModel, _ user: UserContext) throws -> (ModelAnswer, foldedIn: Bool) {
        if model.kind == .matrixFactorization, let folded = try foldIn?.folded(user, in: models.mf.model, version: version) {
            return (.scores(models.mf.scores(folded: folded)), true)
        }
        return (try model.scores(for: user, candidates: nil), false)
    }

    /// The base ranker's best `rerankCandidates` (past the page's offset if it reaches
    /// further), re-scored by the transformer in one batched pass; the rest of a longer list
    /// keeps the base order after them, so a request's cost is bounded whatever k is.
    /// Candidates the transformer never saw keep their base score. When the transformer
    /// cannot read the user's history, asking for it is an error, while a file whose default
    /// it is answers with the base list.
    private func rerankedByTransformer(_ user: UserContext, page: ListPage, filter: MovieFilter,
                                       asked: Bool) throws -> Recommendations {
        guard let transformer = models.transformer else { throw RecommenderError.modelNotInFile(.transformer) }
        let baseKind = models.defaultRanker == .transformer ? ModelKind.matrixFactorization : models.defaultRanker
        let base = try recommend(user, page: ListPage(count: max(page.depth, rerankCandidates)), filter: filter, using: baseKind)
        let head = Array(base.items.prefix(rerankCandidates))
        let known = head.compactMap { item in transformer.movies.index(of: item.movie).map { (item.movie, $0) } }
        switch try transformer.predictedRatings(for: user, candidates: known.map(\.1)) {
        case let .unavailable(reason):
            if asked { throw RecommenderError.modelUnavailable(.transformer, reason: reason) }
            return Recommendations(items: Array(base.items.dropFirst(page.offset).prefix(page.count)), provenance: base.provenance)
        case let .scores(ratings):
            let rescored = Dictionary(uniqueKeysWithValues: zip(known.map(\.0), ratings))
            let reranked = head.map { ScoredMovie(movie: $0.movie, score: rescored[$0.movie] ?? $0.score, coldStart: $0.coldStart) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.movie < $1.movie }
            let list = reranked + base.items.dropFirst(rerankCandidates)
            return Recommendations(items: Array(list.dropFirst(page.offset).prefix(page.count)),
                                   provenance: Provenance(model: .transformer, foldedIn: base.provenance.foldedIn))
        }
    }

    private func coldStart(rated: Set<Int64>, page: ListPage, filter: MovieFilter) -> Recommendations {
        Recommendations(items: top(models.mostRated.counts, of: models.mostRated, page: page, excluding: rated, filter: filter),
                        provenance: Provenance(model: .mostRated, coldStart: .user))
    }

    // MARK: - Similar

    /// Page `page` of the movies most like `movie` that pass `filter`, in `requested`'s (or
    /// the default) item representation, the movie itself excluded.
    public func similar(to movie: Int64, page: ListPage, filter: MovieFilter = .none,
                        using requested: ModelKind? = nil) throws -> (items: [ScoredMovie], model: ModelKind) {
        let kind = requested ?? models.defaultSimilarity
        guard let model = models.model(kind) else { throw RecommenderError.modelNotInFile(kind) }
        guard let index = model.movies.index(of: movie) else { throw RecommenderError.movieNotInModel(movie, kind) }
        guard let similarities = model.similarities(to: index) else {
            throw RecommenderError.unsupported(kind, what: "compare movies")
        }
        return (ranked(similarities, of: model, page: page, excluding: [movie], filter: filter, scoresColdMovies: false), kind)
    }
}
