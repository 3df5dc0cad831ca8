import Testing
import HTTP
import Linalg
import Models
import Ratings
@testable import Service

/// Which routes leave the event loop: those that wait on a disk sync or run the transformer.
@Suite struct HandlerPlacementTests {
    private func runsOnPool(_ service: RecommenderService, _ method: HTTPMethod, _ path: String,
                            query: [HTTPField] = []) -> Bool? {
        let request = HTTPRequest(method: method, target: path, path: path,
                                  pathSegments: path.split(separator: "/").map(String.init), query: query)
        guard case .handler(let call) = service.router().dispatch(request) else { return nil }
        return call.runsOnPool
    }

    @Test func blockingRoutesRunOnThePoolAndCheapOnesOnTheLoop() throws {
        let fixture = try ServiceFixture(withTransformer: true)
        defer { fixture.remove() }
        let service = fixture.service
        #expect(runsOnPool(service, .post, "/ratings") == true)
        // The transformer re-ranks by default for a file without ranking models.
        #expect(runsOnPool(service, .get, "/recommendations/1") == true)
        #expect(runsOnPool(service, .get, "/recommendations/1", query: [HTTPField(name: "model", value: "mf")]) == false)
        #expect(runsOnPool(service, .get, "/predict", query: [HTTPField(name: "user", value: "1")]) == true)
        #expect(runsOnPool(service, .get, "/predict", query: [HTTPField(name: "model", value: "mf")]) == false)
        #expect(runsOnPool(service, .get, "/similar/10") == false)
        #expect(runsOnPool(service, .get, "/health") == false)
    }

    /// `/similar` reads the whole item matrix: on the loop for a small catalogue, on the pool
    /// once the product is large enough to be split over the cores.
    @Test func similarLeavesTheLoopForALargeCatalogue() throws {
        let fixture = try ServiceFixture(withTransformer: false)
        defer { fixture.remove() }
        let service = fixture.service
        #expect(runsOnPool(service, .get, "/similar/10") == false)
        let factors = 100
        let movies = BLAS.acrossCoresMinimumElements / factors + 1
        let mf = MatrixFactorizationModel(
            users: IDIndex([1]), movies: IDIndex((1...movies).map(Int64.init)), globalMean: 3.5,
            userBias: [0], itemBias: [Float](repeating: 0, count: movies),
            userFactors: Matrix(rows: 1, columns: factors, repeating: 0.1),
            itemFactors: Matrix(rows: movies, columns: factors, repeating: 0.1), minimumRating: 1, maximumRating: 5)
        let large = ServingModel(info: ModelInfo(version: "large", kinds: ["mf"], created: nil, trainedOnRatings: 0,
                                                 trainedOnMaxTimestamp: 0),
                                 mf: mf, movieRatingCounts: [:])
        #expect(large.hasLargeCatalogue)
        service.registry.swap(to: large)
        #expect(runsOnPool(service, .get, "/similar/10") == true)
        #expect(runsOnPool(service, .get, "/recommendations/1") == true)
        #expect(runsOnPool(service, .get, "/predict", query: [HTTPField(name: "model", value: "mf")]) == false)
    }

    @Test func predictStaysOnTheLoopWithoutATransformer() throws {
        let fixture = try ServiceFixture(withTransformer: false)
        defer { fixture.remove() }
        #expect(runsOnPool(fixture.service, .get, "/predict", query: [HTTPField(name: "user", value: "1")]) == false)
    }
}
