import Foundation
import HTTP
import HTTPTestSupport
import Testing
@testable import Service

/// The API over a real socket: the service's router behind `HTTPServer` on port 0, spoken
/// to with raw bytes, so framing, status lines and headers are what a client sees.
@Suite struct LiveServiceTests {
    private func withLiveService(withModel: Bool = true, maxBodyBytes: Int = 1 << 20,
                                 _ body: (ServiceFixture, Int) throws -> Void) throws {
        let fixture = try ServiceFixture(withModel: withModel)
        defer { fixture.remove() }
        var configuration = HTTPServer.Configuration(port: 0, eventLoopCount: 2)
        configuration.limits.maxBodyBytes = maxBodyBytes
        configuration.observer = { [metrics = fixture.service.metrics] record in
            metrics.record(route: record.route, method: record.method.rawValue, status: record.status, seconds: record.duration)
        }
        let server = HTTPServer(configuration: configuration, router: fixture.service.router())
        let port = try server.start()
        defer { server.stop(gracePeriod: .seconds(1)) }
        try body(fixture, port)
    }

    private func get(_ target: String, port: Int) throws -> RawResponse {
        let client = try RawClient(port: port)
        try client.send("GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n")
        return try client.readResponse()
    }

    private func post(_ body: String, port: Int, contentType: String = "application/json") throws -> RawResponse {
        let client = try RawClient(port: port)
        try client.send("POST /ratings HTTP/1.1\r\nHost: test\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try client.readResponse()
    }

    private func json(_ response: RawResponse) throws -> JSONValue {
        try JSONParser.parse(response.body)
    }

    @Test func everyEndpointAnswersOverASocket() throws {
        try withLiveService { fixture, port in
            let predict = try get("/predict?user=1&movie=20", port: port)
            #expect(predict.status == 200)
            #expect(predict.header("Content-Type") == "application/json")
            #expect(abs(try #require(try json(predict)["rating"]?.double) - 4.9) < 1e-5)

            let recommendations = try json(try get("/recommendations/1?k=2", port: port))
            guard case let .array(items)? = recommendations["items"] else { Issue.record("no items"); return }
            #expect(items.compactMap { $0["movie"]?.int64 } == [20, 40])

            let similar = try json(try get("/similar/10?k=1", port: port))
            #expect(similar["items"] == .array([.object([("movie", .number("20")), ("title", .string("Beta, The (1991)")),
                                                          ("score", try #require(similar["items"].flatMap { value -> JSONValue? in
                                                              guard case let .array(list) = value else { return nil }
                                                              return list.first?["score"] }))])]))

            let posted = try post(#"[{"user":9,"movie":10,"rating":4},{"user":9,"movie":20,"rating":2.5}]"#, port: port)
            #expect(posted.status == 201)
            #expect(try json(posted)["stored"]?.int64 == 2)
            #expect(Set(try fixture.store.ratings(user: 9).map(\.movie)) == [10, 20])

            let health = try json(try get("/health", port: port))
            #expect(health["ratings_stored"]?.int64 == 7)

            let metrics = try get("/metrics", port: port)
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"movierec_http_requests_total{route="/predict",method="GET",status="200"} 1"#))
            #expect(metrics.text.contains(#"route="/recommendations/:user""#))
        }
    }

    @Test func errorsCarryTheirStatusAndCode() throws {
        try withLiveService(maxBodyBytes: 256) { _, port in
            let cases: [(RawResponse, Int, String)] = [
                (try get("/predict?user=1", port: port), 400, "missing_parameter"),
                (try get("/predict?user=1&movie=77", port: port), 404, "unknown_movie"),
                (try get("/nowhere", port: port), 404, "not_found"),
                (try get("/similar/50", port: port), 404, "movie_not_in_model"),
                (try post(#"{"user":1,"movie":10,"rating":4}"#, port: port, contentType: "text/csv"), 415, "unsupported_media_type"),
                (try post(#"{"user":1,"movie":10,"rating":0}"#, port: port), 422, "invalid_rating"),
                (try post(#"{"user":1,"movie":10,"#, port: port), 400, "invalid_json"),
                (try post("[" + String(repeating: #"{"user":1,"movie":10,"rating":4},"#, count: 20) + "]", port: port), 413, "content_too_large"),
            ]
            for (response, status, code) in cases {
                #expect(response.status == status, "expected \(status) \(code), got \(response.status) \(response.text)")
                #expect(response.errorCode == code, "expected \(code) in \(response.text)")
            }
        }
    }

    @Test func methodNotAllowedListsAllowedMethods() throws {
        try withLiveService { _, port in
            let client = try RawClient(port: port)
            try client.send("DELETE /ratings HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.header("Allow") == "POST, OPTIONS")
        }
    }

    @Test func bodyWithoutLengthIs411() throws {
        try withLiveService { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /ratings HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\r\n")
            client.finishSending()
            let response = try client.readResponse()
            #expect(response.status == 411)
        }
    }

    @Test func withoutAModelEveryModelRouteIs503ButRatingsAreStillTaken() throws {
        try withLiveService(withModel: false) { fixture, port in
            for target in ["/predict?user=1&movie=10", "/recommendations/1", "/similar/10", "/health"] {
                let response = try get(target, port: port)
                #expect(response.status == 503, "\(target)")
                #expect(response.errorCode == "no_model")
            }
            #expect(try post(#"{"user":3,"movie":20,"rating":5}"#, port: port).status == 201)
            #expect(try fixture.store.ratingCount() == 6)
        }
    }
}
