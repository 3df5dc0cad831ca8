import Foundation
import HTTPTestSupport
import Testing
@testable import Service

@Suite struct IngestTests {
    @Test func resubmittingTheSameRatingIsIdempotentOverHTTP() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let stored = try fixture.store.ratingCount()
        try fixture.withServer { port in
            let client = try RawClient(port: port)
            let body = #"{"user":8000,"movie":5,"rating":3.5,"timestamp":1700000000}"#
            for _ in 0..<3 {
                #expect(try client.exchange("POST", "/ratings", body: body).status == 201)
            }
            #expect(try fixture.store.ratingCount() == stored + 1)
            #expect(try fixture.manager.ratingsSinceServing() == 1, "replays are not counted as new ratings")
            #expect(try fixture.store.history(user: 8000, limit: 10).map(\.value) == [3.5])
        }
    }

    @Test func concurrentPostersAreAllStoredAndShareCommits() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let stored = try fixture.store.ratingCount()
        try fixture.withServer(loops: 4) { port in
            let results = ResultLog()
            DispatchQueue.concurrentPerform(iterations: 8) { poster in
                do {
                    let client = try RawClient(port: port)
                    for index in 0..<25 {
                        let body = #"{"user":\#(20_000 + poster),"movie":\#(index + 1),"rating":4}"#
                        let response = try client.exchange("POST", "/ratings", body: body)
                        results.add(response.status == 201 ? 200 : response.status, target: body)
                    }
                } catch {
                    results.add(-1, target: "\(error)")
                }
            }
            #expect(results.failures.isEmpty, "\(results.failures.prefix(3))")
        }
        #expect(try fixture.store.ratingCount() == stored + 8 * 25)
        #expect(fixture.store.groupCommitStatistics.requests >= 200)
    }
}
