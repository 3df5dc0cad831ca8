import Foundation
import Testing
import HTTP
import Ratings
@testable import Service

/// `GET /users/:user/ratings`, `DELETE /users/:user/ratings/:movie` and `DELETE /users/:user`.
@Suite struct UserAPITests {
    @Test func ratingsAreListedNewestFirstAPageAtATime() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        try fixture.store.add([Rating(user: 4, movie: 30, value: 2.5, timestamp: 300), Rating(user: 4, movie: 40, value: 1, timestamp: 200)])
        let all = try #require(fixture.respond("/users/4/ratings").json)
        #expect(all["total"]?.int64 == 4)
        // Newest first; 10 and 20 share a timestamp and go by id.
        #expect(fixture.respond("/users/4/ratings").listedMovies == [30, 40, 10, 20])
        guard case let .array(items)? = all["items"] else { Issue.record("no items"); return }
        #expect(items[0]["title"] == .string("Gamma (1992)"))
        #expect(items[0]["rating"]?.double == 2.5)
        #expect(items[0]["timestamp"]?.int64 == 300)
        #expect(all["next_cursor"] == nil)

        var seen: [Int64] = []
        var target = "/users/4/ratings?limit=3"
        while true {
            let page = fixture.respond(target)
            #expect(page.status == .ok)
            seen += page.listedMovies
            guard let cursor = page.json?["next_cursor"]?.text else { break }
            // A rating posted between pages, newer than all, is neither repeated nor hides one.
            try fixture.store.add([Rating(user: 4, movie: 50, value: 3, timestamp: 999)])
            target = "/users/4/ratings?limit=3&cursor=\(cursor)"
        }
        #expect(seen == [30, 40, 10, 20])
    }

    @Test(arguments: ["/users/4/ratings?limit=0", "/users/4/ratings?limit=1001", "/users/4/ratings?cursor=zzz", "/users/x/ratings"])
    func badParametersAre400(_ target: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond(target).status == .badRequest)
    }

    @Test func aUserTheStoreNeverKnewIs404() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        for (target, method) in [("/users/999/ratings", HTTPMethod.get), ("/users/999", .delete)] {
            let response = fixture.respond(target, method: method)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "unknown_user")
        }
    }

    @Test func retractingARatingTakesItOutOfListsAndCounts() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond("/users/4/ratings/20", method: .delete).status == .noContent)
        #expect(fixture.respond("/users/4/ratings").listedMovies == [10])
        let again = fixture.respond("/users/4/ratings/20", method: .delete)
        #expect(again.status == .notFound)
        #expect(again.errorCode == "rating_not_found")
        // 20 is recommendable to user 4 again.
        #expect(fixture.respond("/recommendations/4?k=10&model=most_rated").listedMovies.contains(20))
    }

    @Test func aForgottenUserIsGoneFromTheStoreAndMaskedInTheModel() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        // Before: user 1 is known to MF and gets a personal prediction.
        #expect(fixture.respond("/predict?user=1&movie=20").json?["cold_start"] == .null)
        #expect(fixture.respond("/users/1", method: .delete).status == .noContent)

        #expect(try fixture.store.ratings(user: 1).isEmpty)
        #expect(try fixture.store.snapshot().ratings.allSatisfy { $0.user != 1 })
        #expect(fixture.respond("/users/1/ratings").status == .notFound)
        // The loaded model still holds user 1's factors; they are not used.
        let predicted = try #require(fixture.respond("/predict?user=1&movie=20").json)
        #expect(predicted["cold_start"] == .string("user"))
        #expect(abs((predicted["rating"]?.double ?? 0) - (3.5 + 0.25)) < 1e-5)
        let list = try #require(fixture.respond("/recommendations/1?model=mf").json)
        #expect(list["model"] == .string("most_rated"))
        // Idempotent; ratings posted afterwards start afresh and the model row stays masked.
        #expect(fixture.respond("/users/1", method: .delete).status == .noContent)
        #expect(fixture.respond("/ratings", method: .post, body: #"{"user":1,"movie":30,"rating":4}"#).status == .created)
        #expect(fixture.respond("/users/1/ratings").listedMovies == [30])
        #expect(fixture.respond("/predict?user=1&movie=20").json?["cold_start"] == .string("user"))
        #expect(fixture.respond("/users/1", method: .delete).status == .noContent)
        #expect(try fixture.store.ratings(user: 1).isEmpty)
    }

    @Test func aForgottenUsersRatingsAreNotInTheDatabaseFileBytes() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        // A user id and timestamps whose 4-byte big-endian forms occur nowhere else.
        let user: Int64 = 0x3ADE_68B1
        let times: [Int64] = [0x5A17_C0DE, 0x5B17_C0DE]
        try fixture.store.add(times.enumerated().map { Rating(user: user, movie: Int64(10 * ($0 + 1)), value: 4, timestamp: $1) })
        func bigEndian(_ value: Int64) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * (3 - $0))) } }
        let patterns = ([user] + times).map(bigEndian)
        let database = fixture.directory.appendingPathComponent("store.sqlite")
        func found() throws -> Bool {
            let files = [database, URL(fileURLWithPath: database.path + "-wal")]
            let bytes = try files.filter { FileManager.default.fileExists(atPath: $0.path) }.map { [UInt8](try Data(contentsOf: $0)) }
            return patterns.contains { pattern in bytes.contains { $0.contains(pattern) } }
        }
        #expect(try found())
        #expect(fixture.respond("/users/\(user)", method: .delete).status == .noContent)
        #expect(try !found())
        #expect(try fixture.store.ratings(user: 4).count == 2)
    }
}

private extension Array where Element == UInt8 {
    func contains(_ pattern: [UInt8]) -> Bool {
        guard pattern.count <= count else { return false }
        return (0...(count - pattern.count)).contains { start in self[start..<(start + pattern.count)].elementsEqual(pattern) }
    }
}

/// A forget against a model that learns while serving: masked at once, gone from the next
/// retraining, and the mask released once a model trained without the user serves.
@Suite struct ForgetAndRetrainTests {
    @Test func aForgottenUserIsAbsentFromTheNextRetraining() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let user: Int64 = 3
        #expect(fixture.manager.registry.current?.mf.users.index(of: user) != nil)
        #expect(fixture.respond("/predict?user=\(user)&movie=1").json?["cold_start"] == .null)
        #expect(fixture.respond("/users/\(user)", method: .delete).status == .noContent)
        #expect(fixture.respond("/predict?user=\(user)&movie=1").json?["cold_start"] == .string("user"))

        guard case .succeeded = fixture.manager.retrain() else { Issue.record("retraining failed"); return }
        #expect(fixture.manager.registry.current?.mf.users.index(of: user) == nil)
        #expect(fixture.respond("/predict?user=\(user)&movie=1").json?["cold_start"] == .string("user"))
        // Rated afresh and retrained: the new model's row is theirs again and is used.
        let fresh = (1...6).map { #"{"user":\#(user),"movie":\#($0),"rating":4}"# }.joined(separator: ",")
        #expect(fixture.respond("/ratings", method: .post, body: "[\(fresh)]").status == .created)
        guard case .succeeded = fixture.manager.retrain() else { Issue.record("retraining failed"); return }
        #expect(fixture.manager.registry.current?.mf.users.index(of: user) != nil)
        #expect(fixture.respond("/predict?user=\(user)&movie=7").json?["cold_start"] == .null)
    }
}
