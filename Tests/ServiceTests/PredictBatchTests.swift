import Foundation
import Testing
import HTTP
@testable import Service

@Suite struct PredictBatchTests {
    @Test func everyPairIsAnsweredInOrderWithItsOwnError() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/predict", method: .post,
                                       body: #"[{"user":1,"movie":20},{"user":1,"movie":999},{"user":999,"movie":10,"model":"mf"}]"#)
        #expect(response.status == .ok)
        guard case let .array(items)? = response.json?["predictions"] else { Issue.record("no predictions"); return }
        #expect(items.count == 3)
        #expect(abs((items[0]["rating"]?.double ?? 0) - 4.9) < 1e-5)
        #expect(items[1]["movie"]?.int64 == 999)
        #expect(items[1]["error"]?["code"] == .string("unknown_movie"))
        #expect(items[1]["rating"] == nil)
        #expect(items[2]["cold_start"] == .string("user"))
        // Each answer is what GET /predict gives for the pair.
        #expect(items[0] == fixture.respond("/predict?user=1&movie=20").json)
    }

    /// The transformer rates a user's movies in one batched pass; each answer is still the
    /// one a single request gets.
    @Test func aUsersPairsAreAnsweredTogetherAsEachAlone() throws {
        let fixture = try ServiceFixture(withTransformer: true)
        defer { fixture.remove() }
        let pairs = [(4, 30), (1, 20), (4, 40), (4, 50), (4, 10), (999, 20), (1, 30)]
        let body = "[" + pairs.map { #"{"user":\#($0.0),"movie":\#($0.1)}"# }.joined(separator: ",") + "]"
        guard case let .array(items)? = fixture.respond("/predict", method: .post, body: body).json?["predictions"] else {
            Issue.record("no predictions"); return
        }
        #expect(items.count == pairs.count)
        for (item, pair) in zip(items, pairs) {
            #expect(item == fixture.respond("/predict?user=\(pair.0)&movie=\(pair.1)").json)
        }
        #expect(items.contains { $0["model"] == .string("transformer") })
    }

    @Test func aTransformerThatCannotAnswerFailsOnlyItsPair() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/predict", method: .post,
                                       body: #"[{"user":1,"movie":20,"model":"transformer"},{"user":1,"movie":20}]"#)
        guard case let .array(items)? = response.json?["predictions"] else { Issue.record("no predictions"); return }
        #expect(items[0]["error"]?["code"] == .string("transformer_unavailable"))
        #expect(items[1]["model"] == .string("mf"))
    }

    @Test(arguments: [
        #"{"user":1,"movie":20}"#, "[]", #"[{"user":"1","movie":20}]"#, #"[{"user":1}]"#, #"[{"user":1,"movie":2,"x":0}]"#,
        #"[{"user":1,"movie":2,"model":"ease"}]"#, "[1]",
    ])
    func aMalformedBatchIs400(_ body: String) throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let response = fixture.respond("/predict", method: .post, body: body)
        #expect(response.status == .badRequest)
        #expect(response.errorCode == "invalid_body")
    }

    @Test func aBatchOverTheLimitIs400() throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let body = "[" + Array(repeating: #"{"user":1,"movie":20}"#, count: 1001).joined(separator: ",") + "]"
        #expect(fixture.respond("/predict", method: .post, body: body).status == .badRequest)
    }
}
