import Testing
@testable import Service

private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

@Test func parsesNestedDocumentsKeepingNumberText() throws {
    let value = try parse(#" {"user": 12, "rating": 4.5, "tags": ["a\u00e9\n", true, null], "big": 9007199254740993} "#)
    #expect(value["user"]?.int64 == 12)
    #expect(value["rating"]?.double == 4.5)
    #expect(value["rating"]?.int64 == nil)
    #expect(value["big"]?.int64 == 9_007_199_254_740_993)
    #expect(value["tags"] == .array([.string("aé\n"), .bool(true), .null]))
}

@Test(arguments: ["", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"a\u{01}\"", "[1] 2", "tru", "{'a':1}", "\"\\ud800\"", "1e"])
func rejectsMalformedJSON(_ text: String) {
    #expect(throws: JSONSyntaxError.self) { try parse(text) }
}

@Test func boundsNestingDepth() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONSyntaxError.self) { try parse(deep) }
}

@Test func decodesSurrogatePairs() throws {
    #expect(try parse(#""\ud83c\udfac""#) == .string("🎬"))
}

@Test func writerEscapesAndRoundTripsThroughTheParser() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.field("title", "Say \"hi\"\n\\ \u{07}")
    writer.field("score", 3.25)
    writer.key("items")
    writer.beginArray()
    writer.value(Int64(1))
    writer.value(Double.nan)
    writer.endArray()
    writer.endObject()
    let value = try JSONParser.parse(writer.bytes)
    #expect(value["title"] == .string("Say \"hi\"\n\\ \u{07}"))
    #expect(value["score"]?.double == 3.25)
    #expect(value["items"] == .array([.number("1"), .null]))
}
