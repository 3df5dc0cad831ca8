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

    @Test func healthReportsTheLimitsInForce() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let bare = try #require(fixture.respond("/health").json?["configuration"])
        #expect(bare["future_timestamp_tolerance_seconds"]?.int64 == 86_400)
        #expect(bare["max_body_bytes"] == nil, "no server, no HTTP limits")

        var server = HTTPServer.Configuration(maxConnections: 7, writeTimeout: .milliseconds(2500), maxOutputBytes: 4096)
        server.limits.maxBodyBytes = 1000
        let service = RecommenderService(store: fixture.store, registry: fixture.service.registry, catalogue: fixture.service.catalogue,
                                         futureTimestampTolerance: 60, server: server)
        let request = HTTPRequest(method: .get, target: "/health", path: "/health", pathSegments: ["health"])
        let configuration = try #require(service.router().respond(to: request).response.json?["configuration"])
        #expect(configuration["future_timestamp_tolerance_seconds"]?.int64 == 60)
        #expect(configuration["max_connections"]?.int64 == 7)
        #expect(configuration["max_body_bytes"]?.int64 == 1000)
        #expect(configuration["max_output_bytes"]?.int64 == 4096)
        #expect(configuration["max_header_fields"]?.int64 == 100)
        #expect(configuration["write_timeout_seconds"]?.double == 2.5)
        #expect(configuration["linger_timeout_seconds"]?.double == 2)
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
