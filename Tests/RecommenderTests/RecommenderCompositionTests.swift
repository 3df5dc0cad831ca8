import Models
import Ratings
import Testing
@testable import Recommender

/// Which model answers, and what the answer says about it.
@Suite struct RecommenderCompositionTests {
    static let ratings = ClusteredRatings.make()
    static let models = TrainedModels.make(ratings)

    private func recommender(defaultRanker: ModelKind? = nil, foldIn: (any FoldInProvider)? = nil) -> Recommender {
        let m = Self.models
        return Recommender(models: RecommenderModels(mf: m.mf, implicitALS: m.implicitALS, ease: m.ease,
                                                     mostRated: m.mostRated, defaultRanker: defaultRanker),
                           version: "v", foldIn: foldIn)
    }

    private func context(_ user: Int64, _ ratings: [Rating] = ratings) -> UserContext {
        UserContext(user: user, source: InMemoryRatings(ratings))
    }

    /// Most-rated too: training records it when no model beats it on validation.
    @Test(arguments: [ModelKind.ease, .implicitALS, .matrixFactorization, .mostRated])
    func theRecordedDefaultRankerAnswers(kind: ModelKind) throws {
        let list = try recommender(defaultRanker: kind).recommend(context(5), k: 3)
        #expect(list.provenance == Provenance(model: kind))
    }

    @Test func aUserWithoutRatingsGetsTheMostRatedListFlaggedColdStart() throws {
        let list = try recommender(defaultRanker: .ease).recommend(context(999), k: 4)
        #expect(list.provenance == Provenance(model: .mostRated, coldStart: .user))
        let counts = ClusteredRatings.counts(Self.ratings)
        let expected = counts.keys.sorted { counts[$0] != counts[$1] ? counts[$0, default: 0] > counts[$1, default: 0] : $0 < $1 }
        #expect(list.items.map(\.movie) == Array(expected.prefix(4)))
    }

    /// Rankers that read histories answer a user who arrived after training from their first
    /// rating, with no retraining and no fold-in: the new user's own cluster comes first.
    @Test(arguments: [ModelKind.ease, .implicitALS])
    func aBrandNewUserWithOneRatingGetsAPersonalList(kind: ModelKind) throws {
        let posted = Self.ratings + [Rating(user: 500, movie: 20, value: 5, timestamp: 9_999)]
        let list = try recommender().recommend(context(500, posted), k: 5, using: kind)
        #expect(list.provenance == Provenance(model: kind))
        #expect(!list.items.contains { $0.movie == 20 })
        #expect(list.items.filter { ClusteredRatings.cluster(ofMovie: $0.movie) == 1 }.count >= 4)
    }

    /// A file without rankers re-ranks MF's list with the transformer by default; a user the
    /// transformer cannot read gets MF's list then, and a 422-style error only when they ask
    /// for the transformer.
    @Test func aDefaultTransformerThatCannotReadTheUserLeavesTheBaseList() throws {
        let models = RecommenderModels(mf: Self.models.mf, transformer: Self.models.transformer,
                                       mostRated: Self.models.mostRated)
        #expect(models.defaultRanker == .transformer)
        let recommender = Recommender(models: models, version: "v")
        let stranger = context(999)
        #expect(try recommender.recommend(stranger, k: 3).provenance == Provenance(model: .mostRated, coldStart: .user))
        #expect(try recommender.recommend(context(5), k: 3).provenance == Provenance(model: .transformer))
        #expect(throws: RecommenderError.self) { try recommender.recommend(stranger, k: 3, using: .transformer) }
    }

    @Test func mfWithoutFoldInFallsBackToTheColdStartList() throws {
        let posted = Self.ratings + [Rating(user: 500, movie: 20, value: 5, timestamp: 9_999)]
        let list = try recommender().recommend(context(500, posted), k: 3, using: .matrixFactorization)
        #expect(list.provenance == Provenance(model: .mostRated, coldStart: .user))
        #expect(!list.items.contains { $0.movie == 20 })
    }

    @Test func mfFoldInIsReportedAsSuch() throws {
        struct Always: FoldInProvider {
            func folded(_ user: UserContext, in model: MatrixFactorizationModel, version: String) throws
                -> MatrixFactorizationModel.FoldedUser? {
                MatrixFactorizationModel.FoldedUser(bias: 0.1, factors: [Float](repeating: 0.2, count: model.factors))
            }
        }
        let list = try recommender(foldIn: Always()).recommend(context(500), k: 3, using: .matrixFactorization)
        #expect(list.provenance == Provenance(model: .matrixFactorization, foldedIn: true))
        let prediction = try recommender(foldIn: Always()).predict(context(500), movie: 1, using: .matrixFactorization)
        #expect(prediction.provenance == Provenance(model: .matrixFactorization, foldedIn: true))
    }

    @Test func predictionsSayWhichSideIsColdAndRankersCannotPredict() throws {
        #expect(try recommender().predict(context(999), movie: 1).provenance.coldStart == .user)
        #expect(try recommender().predict(context(5), movie: 777).provenance.coldStart == .movie)
        #expect(try recommender().predict(context(999), movie: 777).provenance.coldStart == .userAndMovie)
        #expect(throws: RecommenderError.unsupported(.ease, what: "predict ratings")) {
            try recommender().predict(context(5), movie: 1, using: .ease)
        }
        #expect(throws: RecommenderError.modelUnavailable(.transformer, reason: "the serving model file holds no transformer")) {
            try recommender().predict(context(5), movie: 1, using: .transformer)
        }
    }

    @Test func similarNamesItsModelAndRefusesModelsWithoutItemVectors() throws {
        let similar = try recommender().similar(to: 1, page: ListPage(count: 3), using: .ease)
        #expect(similar.model == .ease)
        #expect(similar.items.count == 3 && !similar.items.contains { $0.movie == 1 })
        #expect(throws: RecommenderError.unsupported(.mostRated, what: "compare movies")) {
            try recommender().similar(to: 1, page: ListPage(count: 3), using: .mostRated)
        }
        #expect(throws: RecommenderError.movieNotInModel(777, .implicitALS)) {
            try recommender().similar(to: 777, page: ListPage(count: 3), using: .implicitALS)
        }
    }
}
