import Testing
@testable import HTTP

/// Feeds `text` to a fresh parser in pieces of `pieceSize` bytes and collects events until it
/// needs more input or fails.
private func parse(_ text: String, pieceSize: Int = .max, limits: HTTPParserLimits = HTTPParserLimits())
    -> (requests: [HTTPRequest], continues: Int, error: HTTPError?) {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [HTTPRequest] = []
    var continues = 0
    let bytes = Array(text.utf8)
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + min(pieceSize, bytes.count))
        parser.append(contentsOf: bytes[offset..<end])
        offset = end
        do {
            while let event = try parser.next() {
                switch event {
                case .request(let request): requests.append(request)
                case .continueExpected: continues += 1
                }
            }
        } catch {
            return (requests, continues, error)
        }
    } while offset < bytes.count
    return (requests, continues, nil)
}

private func parseError(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPError? {
    parse(text, limits: limits).error
}

@Test func parsesRequestLineHeadersAndCaseInsensitiveNames() throws {
    let result = parse("GET /a/b?x=1 HTTP/1.1\r\nhOsT: example\r\nX-Thing:   padded value \t\r\n\r\n")
    let request = try #require(result.requests.first)
    #expect(request.method == .get)
    #expect(request.path == "/a/b")
    #expect(request.pathSegments == ["a", "b"])
    #expect(request.headers["Host"] == "example")
    #expect(request.headers["x-thing"] == "padded value")
    #expect(request.keepAlive)
}

@Test func parsesTheSameWhenFedOneByteAtATime() throws {
    let text = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /hello HTTP/1.1\r\nHost: h\r\n\r\n"
    let whole = parse(text)
    let bytewise = parse(text, pieceSize: 1)
    #expect(whole.error == nil && bytewise.error == nil)
    #expect(whole.requests.map(\.path) == ["/echo", "/hello"])
    #expect(bytewise.requests.map(\.path) == ["/echo", "/hello"])
    #expect(bytewise.requests.first?.body == Array("hello".utf8))
}

@Test func http10DefaultsToCloseAndHonoursKeepAlive() throws {
    let plain = try #require(parse("GET / HTTP/1.0\r\n\r\n").requests.first)
    #expect(!plain.keepAlive)
    #expect(plain.version == .http1_0)
    let kept = try #require(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first)
    #expect(kept.keepAlive)
    let closed = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").requests.first)
    #expect(!closed.keepAlive)
}

@Test func rejectsMissingOrDuplicateHostOnHTTP11() {
    #expect(parseError("GET / HTTP/1.1\r\n\r\n")?.code == "missing_host")
    #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.code == "missing_host")
}

@Test func rejectsObsoleteLineFolding() {
    #expect(parseError("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n")?.code == "obsolete_line_folding")
}

@Test func rejectsBareCRBareLFAndNUL() {
    #expect(parseError("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n")?.code == "bare_cr")
    #expect(parseError("GET / HTTP/1.1\nHost: h\r\n\r\n")?.code == "bare_lf")
    #expect(parseError("GET / HTTP/1.1\r\nHost: h\0\r\n\r\n")?.code == "nul_byte")
}

@Test func rejectsMalformedRequestLinesAndHeaders() {
    #expect(parseError("GET  / HTTP/1.1\r\nHost: h\r\n\r\n")?.status == .badRequest)
    #expect(parseError("GET / HTTP/2.0\r\nHost: h\r\n\r\n")?.status == .httpVersionNotSupported)
    #expect(parseError("G(T / HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_method")
    #expect(parseError("GET / HTTP/1.1\r\nHost : h\r\n\r\n")?.code == "invalid_header_field")
    #expect(parseError("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_request_target")
}

@Test func rejectsContentLengthWithTransferEncoding() {
    let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
    #expect(error?.code == "content_length_with_transfer_encoding")
}

@Test func rejectsDuplicateAndInvalidContentLength() {
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")?.code
            == "duplicate_content_length")
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\n")?.code == "invalid_content_length")
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n")?.code == "invalid_content_length")
}

@Test func decodesChunkedBodiesWithExtensionsAndTrailers() throws {
    let text = "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"
    for pieceSize in [1, 3, Int.max] {
        let request = try #require(parse(text, pieceSize: pieceSize).requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello, world")
        #expect(request.headers["X-Trailer"] == nil)
    }
}

@Test func rejectsInvalidChunkSizesAndMissingChunkCRLF() {
    let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    #expect(parseError(head + "zz\r\nhello\r\n0\r\n\r\n")?.code == "invalid_chunk_size")
    #expect(parseError(head + "\r\n")?.code == "invalid_chunk_size")
    #expect(parseError(head + "1234567890abcdef0\r\n")?.code == "invalid_chunk_size")
    #expect(parseError(head + "5\r\nhelloXX0\r\n\r\n")?.code == "invalid_chunk_data")
}

@Test func rejectsUnsupportedTransferCodings() {
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")?.status == .notImplemented)
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n")?.code == "invalid_transfer_encoding")
}

@Test func announcesContinueOnlyWhileTheBodyIsMissing() {
    let head = "POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
    let waiting = parse(head)
    #expect(waiting.continues == 1 && waiting.requests.isEmpty)
    let eager = parse(head + "ok")
    #expect(eager.continues == 0 && eager.requests.count == 1)
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\n\r\n")?.status == .expectationFailed)
}

@Test func enforcesSizeLimitsWithDistinctStatuses() {
    let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderCount: 3, maxHeaderBytes: 128, maxBodyBytes: 10,
                                  maxQueryParameters: 2)
    let longTarget = "/" + String(repeating: "a", count: 100)
    #expect(parseError("GET \(longTarget) HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits)?.status == .uriTooLong)
    #expect(parseError("GET \(longTarget)", limits: limits)?.status == .uriTooLong)
    #expect(parseError("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)?.status
            == .requestHeaderFieldsTooLarge)
    #expect(parseError("GET / HTTP/1.1\r\nHost: h\r\nA: \(String(repeating: "x", count: 200))", limits: limits)?.status
            == .requestHeaderFieldsTooLarge)
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: limits)?.status == .contentTooLarge)
    #expect(parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n", limits: limits)?.status
            == .contentTooLarge)
    #expect(parseError("GET /?a=1&b=2&c=3 HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits)?.code == "too_many_query_parameters")
}

@Test func decodesPathSegmentsAndQueryOnce() throws {
    let request = try #require(parse("GET /similar/Toy%20Story%20%281995%29/a%2Fb?q=a+b%2Bc&empty=&flag&x=%25 HTTP/1.1\r\nHost: h\r\n\r\n").requests.first)
    #expect(request.pathSegments == ["similar", "Toy Story (1995)", "a/b"])
    #expect(request.path == "/similar/Toy Story (1995)/a/b")
    #expect(request.query.map(\.name) == ["q", "empty", "flag", "x"])
    #expect(request.query.map(\.value) == ["a b+c", "", "", "%"])
    #expect(request.path.contains("+") == false)
}

@Test func keepsPlusInPathsAndRejectsBadEscapes() throws {
    let request = try #require(parse("GET /a+b HTTP/1.1\r\nHost: h\r\n\r\n").requests.first)
    #expect(request.path == "/a+b")
    #expect(parseError("GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_percent_encoding")
    #expect(parseError("GET /%4 HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_percent_encoding")
    #expect(parseError("GET /%ff HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_utf8")
    #expect(parseError("GET /%00 HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "nul_byte")
}

@Test func acceptsAbsoluteFormAndAsteriskForOptions() throws {
    let absolute = try #require(parse("GET http://example.com:80/hello?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").requests.first)
    #expect(absolute.path == "/hello")
    #expect(absolute.queryValue("x") == "1")
    let star = try #require(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").requests.first)
    #expect(star.path == "*")
    #expect(parseError("GET * HTTP/1.1\r\nHost: h\r\n\r\n")?.code == "invalid_request_target")
}

@Test func staysFailedAfterAnError() {
    var parser = HTTPRequestParser()
    parser.append(contentsOf: Array("GET / HTTP/1.1\r\n\r\n".utf8))
    #expect(throws: HTTPError.self) { try parser.next() }
    parser.append(contentsOf: Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
    #expect(throws: HTTPError.self) { try parser.next() }
}

@Test func reportsItsPhaseForTimeouts() throws {
    var parser = HTTPRequestParser()
    #expect(parser.phase == .idle)
    parser.append(contentsOf: Array("POST /echo HTTP/1.1\r\nHo".utf8))
    _ = try parser.next()
    #expect(parser.phase == .head)
    parser.append(contentsOf: Array("st: h\r\nContent-Length: 4\r\n\r\nab".utf8))
    _ = try parser.next()
    #expect(parser.phase == .body)
    parser.append(contentsOf: Array("cd".utf8))
    _ = try parser.next()
    #expect(parser.phase == .idle)
}
