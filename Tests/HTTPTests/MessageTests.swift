import Testing
@testable import HTTP

@Test func dateHeaderUsesIMFFixdate() {
    #expect(DateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(DateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
}

@Test func headerLookupIgnoresCaseAndKeepsOrder() {
    var headers: HTTPHeaders = ["Accept": "a", "X-Many": "1"]
    headers.add(name: "x-many", value: "2")
    #expect(headers["ACCEPT"] == "a")
    #expect(headers.values(for: "X-MANY") == ["1", "2"])
    headers.replaceOrAdd(name: "X-Many", value: "3")
    #expect(headers.values(for: "x-many") == ["3"])
    #expect(!headers.contains("Accep"))
}

private struct Rating: Decodable, Equatable {
    let user: String
    let score: Double
}

private func request(body: String) -> HTTPRequest {
    HTTPRequest(method: .post, target: "/r", path: "/r", pathSegments: ["r"], body: Array(body.utf8))
}

@Test func jsonBodiesDecodeOrGiveA400ThatNamesTheProblem() throws {
    #expect(try request(body: #"{"user":"1","score":4}"#).decodeJSON(Rating.self) == Rating(user: "1", score: 4))
    #expect(throws: HTTPError.badRequest("invalid_json", "missing field 'score'")) {
        try request(body: #"{"user":"1"}"#).decodeJSON(Rating.self)
    }
    #expect(throws: HTTPError.badRequest("invalid_json", "'score' should be Double")) {
        try request(body: #"{"user":"1","score":"high"}"#).decodeJSON(Rating.self)
    }
    #expect(throws: HTTPError.badRequest("invalid_json", "the body is not valid JSON")) {
        try request(body: "{").decodeJSON(Rating.self)
    }
}

@Test func responsesCarryServerHeadersAndDropInjectedOnes() {
    var output: [UInt8] = []
    var response = HTTPResponse.text("hi")
    response.headers.add(name: "X-Bad", value: "a\r\nInjected: yes")
    response.headers.add(name: "Content-Length", value: "999")
    let dropped = ResponseWriter.append(response, to: &output, date: Array("D".utf8), serverName: Array("movierec".utf8),
                                        headOnly: false, close: true, keepAliveHTTP1_0: false)
    let text = String(decoding: output, as: UTF8.self)
    #expect(dropped == ["X-Bad"])
    #expect(text == "HTTP/1.1 200 OK\r\nServer: movierec\r\nDate: D\r\nContent-Length: 2\r\nConnection: close\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nhi")
}
