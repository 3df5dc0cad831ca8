import Models

/// Every model one model file serves, prepared once at load, with the choices training
/// recorded: which ranker answers `/recommendations` by default and which model's item
/// representation answers `/similar`.
public struct RecommenderModels: Sendable {
    public let mf: MatrixFactorizationRecommender
    public let transformer: TransformerRecommender?
    public let implicitALS: ImplicitALSRecommender?
    public let ease: EASERecommender?
    public let sequence: NextMovieRecommender?
    public let blend: BlendRecommender?
    public let mostRated: MostRatedRecommender
    /// The ranker lists come from when no model is asked for: the one training recorded, or
    /// for a file without ranking models the transformer re-ranking MF (or MF alone).
    public let defaultRanker: ModelKind
    /// The model whose item representation `/similar` uses when no model is asked for: MF's.
    /// iALS's and EASE's neighbours share a genre more often on ML-100k, but put The Godfather
    /// before The Empire Strikes Back for Star Wars (Benchmarks/ranking/RESULTS.md).
    public let defaultSimilarity = ModelKind.matrixFactorization

    public init(mf: MatrixFactorizationRecommender, transformer: TransformerRecommender? = nil,
                implicitALS: ImplicitALSRecommender? = nil, ease: EASERecommender? = nil,
                sequence: NextMovieRecommender? = nil, blend: ScoreBlend? = nil, mostRated: MostRatedRecommender,
                defaultRanker: ModelKind? = nil) {
        self.mf = mf
        self.transformer = transformer
        self.implicitALS = implicitALS
        self.ease = ease
        self.sequence = sequence
        // Composed from this file's models; a blend naming one the file lacks is not served
        // (`ModelFile.blend()` refuses such a file).
        var rankers: [ModelKind: any RecommenderModel] = [:]
        if let implicitALS { rankers[.implicitALS] = implicitALS }
        if let ease { rankers[.ease] = ease }
        if let sequence { rankers[.sequence] = sequence }
        self.blend = blend.flatMap { blend in
            let components = blend.models.compactMap { ModelKind(rawValue: $0).flatMap { rankers[$0] } }
            return components.count == blend.models.count ? BlendRecommender(blend, components: components) : nil
        }
        self.mostRated = mostRated
        self.defaultRanker = defaultRanker ?? (transformer == nil ? .matrixFactorization : .transformer)
    }

    /// The model of `kind`, nil when the file holds none.
    public func model(_ kind: ModelKind) -> (any RecommenderModel)? {
        switch kind {
        case .matrixFactorization: return mf
        case .transformer: return transformer
        case .mostRated: return mostRated
        case .implicitALS: return implicitALS
        case .ease: return ease
        case .sequence: return sequence
        case .blend: return blend
        }
    }

    /// Kinds that can answer, in `ModelKind` order.
    public var available: [ModelKind] {
        ModelKind.allCases.filter { model($0) != nil }
    }
}
