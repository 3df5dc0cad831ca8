import Models
import Ratings
import Testing
@testable import Recommender

/// Filters, pages, cold-start movies and explanations, over every ranker: the same rules
/// whichever model answers.
@Suite struct ListPageTests {
    static let ratings = ClusteredRatings.make()
    static let models = TrainedModels.make(ratings)

    private func recommender(coldMovies: [ColdMovie] = []) -> Recommender {
        let m = Self.models
        return Recommender(models: RecommenderModels(mf: m.mf, implicitALS: m.implicitALS, ease: m.ease, sequence: m.sequence,
                                                     mostRated: m.mostRated),
                           version: "v", coldMovies: coldMovies)
    }

    private func context(_ user: Int64) -> UserContext {
        UserContext(user: user, source: InMemoryRatings(Self.ratings))
    }

    static let rankers: [ModelKind] = [.ease, .implicitALS, .matrixFactorization, .sequence, .mostRated]

    @Test(arguments: rankers)
    func pagesCutOneOrderWithoutRepeatsOrGaps(kind: ModelKind) throws {
        let whole = try recommender().recommend(context(5), page: ListPage(count: 9), using: kind).items
        var paged: [ScoredMovie] = []
        for offset in stride(from: 0, to: 9, by: 4) {
            paged += try recommender().recommend(context(5), page: ListPage(offset: offset, count: min(4, 9 - offset)), using: kind).items
        }
        #expect(whole.count == 9)
        #expect(paged == whole)
    }

    @Test(arguments: rankers)
    func filtersApplyBeforeTheTopK(kind: ModelKind) throws {
        let rated = Set(Self.ratings.filter { $0.user == 5 }.map(\.movie))
        let excluded: Set<Int64> = Set(try recommender().recommend(context(5), k: 3, using: kind).items.map(\.movie))
        let filter = MovieFilter(excluded: excluded, admits: { $0 % 2 == 0 })
        let list = try recommender().recommend(context(5), page: ListPage(count: 4), filter: filter, using: kind).items
        #expect(list.count == 4)
        #expect(list.allSatisfy { $0.movie % 2 == 0 && !excluded.contains($0.movie) && !rated.contains($0.movie) })
        // The same movies as the unfiltered list with the rejected ones taken out.
        let unfiltered = try recommender().recommend(context(5), page: ListPage(count: 40), using: kind).items
        #expect(list.map(\.movie) == Array(unfiltered.map(\.movie).filter { $0 % 2 == 0 && !excluded.contains($0) }.prefix(4)))
    }

    /// A cold movie is scored as the mean of its peers' scores in the answering model and
    /// takes its place in the order; the most-rated list has no place for it.
    @Test(arguments: [ModelKind.ease, .implicitALS, .matrixFactorization, .sequence])
    func aColdMovieIsScoredAsItsPeersMean(kind: ModelKind) throws {
        let plain = try recommender().recommend(context(5), page: ListPage(count: 40), using: kind).items
        let peers = Array(plain.prefix(4).map(\.movie))
        let cold = ColdMovie(id: 9_001, peers: peers)
        let list = try recommender(coldMovies: [cold]).recommend(context(5), page: ListPage(count: 40), using: kind).items
        let entry = try #require(list.first { $0.movie == 9_001 })
        #expect(entry.coldStart)
        let expected = plain.prefix(4).map(\.score).reduce(0, +) / 4
        #expect(abs(entry.score - expected) < 1e-4 * max(1, abs(expected)))
        // Between its best and worst peer, the other movies in their order around it.
        #expect(list.filter { !$0.coldStart } == Array(plain.prefix(39)))
        let position = try #require(list.firstIndex { $0.movie == 9_001 })
        #expect(list[position - 1].score >= entry.score && entry.score >= list[position + 1].score)
        let popular = try recommender(coldMovies: [cold]).recommend(context(5), k: 40, using: .mostRated).items
        #expect(!popular.contains { $0.movie == 9_001 })
    }

    @Test func easeExplainsWithItsItemItemWeightsFromLikedMovies() throws {
        let user = context(5)
        let list = try recommender().recommend(user, k: 3, using: .ease)
        let explanation = try recommender().explain(user, movies: list.items.map(\.movie), answeredBy: .ease, limit: 100)
        #expect(explanation.model == .ease)
        let ease = try #require(Self.models.ease)
        let rated = Self.ratings.filter { $0.user == 5 }
        let mean = rated.map(\.value).reduce(0, +) / Float(rated.count)
        let liked = rated.filter { $0.value >= mean }
        #expect(liked.count < rated.count, "user 5 rated some movies below their mean")
        for (item, reasons) in zip(list.items, explanation.reasons) {
            let target = try #require(ease.movies.index(of: item.movie))
            let weights = try #require(ease.similarities(to: target))
            var expected: [(movie: Int64, weight: Float)] = []
            for rating in liked {
                guard let index = ease.movies.index(of: rating.movie), weights[index] > 0 else { continue }
                expected.append((rating.movie, weights[index]))
            }
            expected.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.movie < $1.movie }
            #expect(reasons.map(\.movie) == expected.map(\.movie))
            #expect(reasons.map(\.weight) == expected.map(\.weight))
            #expect(!reasons.isEmpty)
        }
        let top3 = try recommender().explain(user, movies: [list.items[0].movie], answeredBy: .ease)
        #expect(top3.reasons[0].count <= 3)
    }

    @Test func theRatingTransformerIsExplainedByMFAndMostRatedByNothing() throws {
        let movie = Self.ratings[0].movie
        #expect(try recommender().explain(context(5), movies: [movie], answeredBy: .transformer).model == .matrixFactorization)
        let none = try recommender().explain(context(5), movies: [movie], answeredBy: .mostRated)
        #expect(none.model == nil)
        #expect(none.reasons == [[]])
    }
}
