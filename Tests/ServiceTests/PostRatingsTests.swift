import Testing
import HTTP
@testable import Service

@Suite struct PostRatingsTests {
    @Test func storesOneRatingOrABatchAndAnswersTheCount() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let one = fixture.respond("/ratings", method: .post, body: #"{"user":7,"movie":10,"rating":4.5}"#)
        #expect(one.status == .created)
        #expect(one.json?["stored"]?.int64 == 1)
        #expect(one.json?["unchanged"]?.int64 == 0)
        let batch = fixture.respond("/ratings", method: .post, body: #"[{"user":7,"movie":20,"rating":1,"timestamp":5},{"user":8,"movie":50,"rating":3}]"#)
        #expect(batch.json?["stored"]?.int64 == 2)
        #expect(try fixture.store.ratingCount() == 8)
        #expect(try fixture.store.history(user: 7, limit: 10).map(\.movie) == [20, 10])
    }

    @Test func aWriteThatANewerRatingOutranksSaysItChangedNothing() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let newer = fixture.respond("/ratings", method: .post, body: #"{"user":9,"movie":10,"rating":4,"timestamp":1700000100}"#)
        #expect(String(decoding: newer.body, as: UTF8.self) == #"{"stored":1,"unchanged":0}"#)
        let older = fixture.respond("/ratings", method: .post, body: #"{"user":9,"movie":10,"rating":1}"#)
        #expect(older.status == .created)
        #expect(String(decoding: older.body, as: UTF8.self) == #"{"stored":0,"unchanged":1}"#)
        let replay = fixture.respond("/ratings", method: .post, body: #"[{"user":9,"movie":10,"rating":4,"timestamp":1700000100},{"user":9,"movie":20,"rating":2}]"#)
        #expect(String(decoding: replay.body, as: UTF8.self) == #"{"stored":1,"unchanged":1}"#)
        #expect(try fixture.store.history(user: 9, limit: 10).map(\.value) == [2, 4])
    }

    @Test func aTimestampPastTheToleranceIs422NamingTheLimit() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let locked = fixture.respond("/ratings", method: .post,
                                     body: #"{"user":500001,"movie":50,"rating":4,"timestamp":9223372036854775807}"#)
        #expect(locked.status == .unprocessableContent)
        #expect(locked.errorCode == "invalid_rating")
        guard case let .string(message)? = locked.json?["error"]?["message"] else { Issue.record("no message"); return }
        #expect(message.contains("86400 s past the server's clock"))
        #expect(message.contains("1700086400"), "the latest accepted timestamp is named")
        let edge = fixture.respond("/ratings", method: .post, body: #"{"user":500001,"movie":50,"rating":4,"timestamp":1700086400}"#)
        #expect(edge.status == .created)
        #expect(try fixture.store.ratingCount() == 6)
    }

    @Test func oneInvalidItemRejectsTheWholeRequest() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/ratings", method: .post, body: #"[{"user":7,"movie":10,"rating":4},{"user":7,"movie":99,"rating":4}]"#)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorCode == "unknown_movie")
        guard case let .string(message)? = response.json?["error"]?["message"] else { Issue.record("no message"); return }
        #expect(message.contains("item 1"))
        #expect(try fixture.store.ratingCount() == 5)
    }

    @Test func outOfScaleRatingIs422() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/ratings", method: .post, body: #"{"user":7,"movie":10,"rating":5.5}"#)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorCode == "invalid_rating")
    }

    @Test func malformedJSONIs400AndWrongMediaTypeIs415() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        #expect(fixture.respond("/ratings", method: .post, body: #"{"user":7,"#).errorCode == "invalid_json")
        let text = fixture.respond("/ratings", method: .post, body: "{}", contentType: "text/plain")
        #expect(text.status == .unsupportedMediaType)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/ratings", method: .get)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"]?.contains("POST") == true)
    }
}
