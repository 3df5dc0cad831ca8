import Testing
import HTTP
@testable import Service

@Suite struct HealthTests {
    @Test func healthNamesTheModelAndTheStoreSize() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let json = try #require(fixture.respond("/health").json)
        #expect(json["status"] == .string("ok"))
        #expect(json["ratings_stored"]?.int64 == 5)
        #expect(json["model"]?["version"] == .string("test@1"))
        #expect(json["model"]?["trained_on"]?["ratings"]?.int64 == 5)
    }

    @Test func metricsExposeTheStoreAndTheModel() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        fixture.service.metrics.record(route: "/predict", method: "GET", status: 200, seconds: 0.001)
        let response = fixture.respond("/metrics")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        #expect(text.contains("movierec_ratings_stored 5\n"))
        #expect(text.contains(#"movierec_model_info{version="test@1"} 1"#))
        #expect(text.contains(#"movierec_http_requests_total{route="/predict",method="GET",status="200"} 1"#))
    }
}
