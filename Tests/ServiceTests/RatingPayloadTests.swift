import Testing
import Ratings
@testable import Service

private func ratings(_ text: String) throws -> [Rating] {
    try RatingPayload.ratings(from: JSONParser.parse(Array(text.utf8)), now: 1_700_000_000)
}

@Test func acceptsOneObjectAndStampsMissingTimestamps() throws {
    #expect(try ratings(#"{"user":1,"movie":2,"rating":4.5}"#)
        == [Rating(user: 1, movie: 2, value: 4.5, timestamp: 1_700_000_000)])
}

@Test func acceptsAnArrayKeepingGivenTimestamps() throws {
    let parsed = try ratings(#"[{"user":1,"movie":2,"rating":3,"timestamp":5},{"user":7,"movie":8,"rating":0.5}]"#)
    #expect(parsed == [Rating(user: 1, movie: 2, value: 3, timestamp: 5),
                       Rating(user: 7, movie: 8, value: 0.5, timestamp: 1_700_000_000)])
}

@Test(arguments: [
    (#"[{"user":1,"movie":2,"rating":3},{"user":1,"movie":2,"rating":6}]"#, RatingPayloadError(index: 1, field: "rating", reason: "6.0 is not between 0.5 and 5.0 in steps of 0.5")),
    (#"{"user":1,"movie":2,"rating":3.3}"#, RatingPayloadError(index: nil, field: "rating", reason: "3.3 is not between 0.5 and 5.0 in steps of 0.5")),
    (#"{"user":1,"rating":3}"#, RatingPayloadError(index: nil, field: "movie", reason: "missing")),
    (#"{"user":"1","movie":2,"rating":3}"#, RatingPayloadError(index: nil, field: "user", reason: "expected an integer id, got string")),
    (#"{"user":1.5,"movie":2,"rating":3}"#, RatingPayloadError(index: nil, field: "user", reason: "expected an integer id, got number 1.5")),
    (#"{"user":1,"movie":2,"rating":"4"}"#, RatingPayloadError(index: nil, field: "rating", reason: "expected a number, got string")),
    (#"{"user":1,"movie":2,"rating":4,"stars":4}"#, RatingPayloadError(index: nil, field: "stars", reason: "unknown field")),
    (#"{"user":1,"movie":2,"rating":4,"user":3}"#, RatingPayloadError(index: nil, field: "user", reason: "field given twice")),
    (#"[]"#, RatingPayloadError(index: nil, field: nil, reason: "the array holds no ratings")),
    (#"[1]"#, RatingPayloadError(index: 0, field: nil, reason: "expected an object, got number")),
    (#"{"user":1,"movie":2,"rating":4,"timestamp":-1}"#, RatingPayloadError(index: nil, field: "timestamp", reason: "must not be negative")),
    (#"[{"user":1,"movie":2,"rating":4},{"user":1,"movie":3,"rating":4,"timestamp":1700086401}]"#,
     RatingPayloadError(index: 1, field: "timestamp",
                        reason: "1700086401 is more than 86400 s past the server's clock; the latest accepted now is 1700086400")),
])
func rejectsInvalidItemsNamingThem(_ body: String, _ expected: RatingPayloadError) {
    #expect(throws: expected) { try ratings(body) }
}

@Test func theFutureToleranceIsTheCallersAndSaturates() throws {
    let json = try JSONParser.parse(Array(#"{"user":1,"movie":2,"rating":4,"timestamp":1700000060}"#.utf8))
    #expect(throws: RatingPayloadError.self) { try RatingPayload.ratings(from: json, now: 1_700_000_000, futureTolerance: 59) }
    #expect(try RatingPayload.ratings(from: json, now: 1_700_000_000, futureTolerance: 60).first?.timestamp == 1_700_000_060)
    let far = try JSONParser.parse(Array(#"{"user":1,"movie":2,"rating":4,"timestamp":9223372036854775807}"#.utf8))
    #expect(try RatingPayload.ratings(from: far, now: 1_700_000_000, futureTolerance: .max).count == 1)
}
