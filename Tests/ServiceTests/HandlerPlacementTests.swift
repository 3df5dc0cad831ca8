import Testing
import HTTP
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
        #expect(runsOnPool(service, .get, "/recommendations/1") == true)
        #expect(runsOnPool(service, .get, "/predict", query: [HTTPField(name: "user", value: "1")]) == true)
        #expect(runsOnPool(service, .get, "/predict", query: [HTTPField(name: "model", value: "mf")]) == false)
        #expect(runsOnPool(service, .get, "/similar/10") == false)
        #expect(runsOnPool(service, .get, "/health") == false)
    }

    @Test func predictStaysOnTheLoopWithoutATransformer() throws {
        let fixture = try ServiceFixture(withTransformer: false)
        defer { fixture.remove() }
        #expect(runsOnPool(fixture.service, .get, "/predict", query: [HTTPField(name: "user", value: "1")]) == false)
    }
}
