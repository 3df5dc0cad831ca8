import Testing
@testable import HTTP

/// The corners of RFC 9110/9112 a hostile or unusual client reaches: versions, Host and
/// authority grammar, repeated transfer codings and the total of chunk extensions.
private func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> Result<HTTPRequest?, HTTPError> {
    var parser = HTTPRequestParser(limits: limits)
    parser.append(contentsOf: Array(text.utf8))
    do {
        while let event = try parser.next() {
            if case .request(let request) = event { return .success(request) }
        }
        return .success(nil)
    } catch {
        return .failure(error)
    }
}

private func parseError(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPError? {
    if case .failure(let error) = parse(text, limits: limits) { return error }
    return nil
}

@Test func aHigherMinorVersionOfHTTP1IsServedAs11() throws {
    guard case .success(let request?) = parse("GET /health HTTP/1.2\r\nHost: h\r\n\r\n") else {
        Issue.record("HTTP/1.2 was not parsed")
        return
    }
    #expect(request.version == .http1_1)
    #expect(request.keepAlive)
    #expect(parseError("GET /health HTTP/1.9\r\n\r\n")?.code == "missing_host", "1.9 has 1.1's rules: Host is required")
}

@Test func onlyAnotherMajorVersionIs505() {
    for version in ["HTTP/2.0", "HTTP/0.9", "HTTP/3.1"] {
        #expect(parseError("GET / \(version)\r\nHost: h\r\n\r\n")?.status == .httpVersionNotSupported, "\(version)")
    }
    #expect(parseError("GET / HTTP/1.x\r\nHost: h\r\n\r\n")?.code == "invalid_request_line")
}

@Test(arguments: ["a b/c", "[::1", "x:abc", "x@y", "a,b", "a/b", "[::1]x", "[zz::1]", "x:80:80", "%zz", "[]"])
func anInvalidHostIs400(host: String) {
    #expect(parseError("GET /health HTTP/1.1\r\nHost: \(host)\r\n\r\n")?.code == "invalid_host", "Host: \(host)")
}

@Test(arguments: ["example.com", "example.com:8080", "127.0.0.1:80", "[::1]", "[::1]:8080", "[v1.fe80::a+en1]",
                  "h", "a-b_c~d.e", "%41b", "x!$&'()*+;=", "x:", ""])
func aValidHostIsAccepted(host: String) throws {
    guard case .success(let request?) = parse("GET /health HTTP/1.1\r\nHost: \(host)\r\n\r\n") else {
        Issue.record("Host: \(host) was rejected")
        return
    }
    #expect(request.headers["Host"] == host)
}

@Test func anHTTP10RequestWithAnInvalidHostIs400Too() {
    #expect(parseError("GET / HTTP/1.0\r\nHost: a b\r\n\r\n")?.code == "invalid_host")
}

@Test func aTargetWithUserinfoIs400() {
    #expect(parseError("GET http://a@x/health HTTP/1.1\r\nHost: x\r\n\r\n")?.code == "invalid_request_target")
    #expect(parseError("GET http://user:pass@x:80/health HTTP/1.1\r\nHost: x\r\n\r\n")?.message.contains("userinfo") == true)
    #expect(parseError("GET http:///health HTTP/1.1\r\nHost: x\r\n\r\n")?.code == "invalid_request_target",
            "an http URI with an empty host is invalid")
    #expect(parseError("GET http://x:port/health HTTP/1.1\r\nHost: x\r\n\r\n")?.code == "invalid_request_target")
    guard case .success(let request?) = parse("GET http://[::1]:8080/health?x=a@b HTTP/1.1\r\nHost: x\r\n\r\n") else {
        Issue.record("an IPv6 authority with an @ in the query was rejected")
        return
    }
    #expect(request.path == "/health")
    #expect(request.queryValue("x") == "a@b")
}

@Test(arguments: ["chunked, chunked", "gzip, chunked, chunked", "chunked, gzip, chunked", "CHUNKED,chunked"])
func chunkedTwiceIs400(codings: String) {
    let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \(codings)\r\n\r\n")
    #expect(error?.status == .badRequest, "\(codings)")
    #expect(error?.code == "invalid_transfer_encoding")
}

@Test func chunkedInTwoFieldsIs400() {
    let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
    #expect(error?.status == .badRequest)
}

@Test func chunkExtensionsAreCappedInTotalPerRequest() {
    let limits = HTTPParserLimits(maxChunkExtensionBytes: 100)
    let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    let chunk = "1;" + String(repeating: "e", count: 20) + "\r\nx\r\n"
    let underCap = head + String(repeating: chunk, count: 4) + "0\r\n\r\n"
    guard case .success(let request?) = parse(underCap, limits: limits) else {
        Issue.record("extensions under the cap were rejected")
        return
    }
    #expect(request.body == Array("xxxx".utf8))
    let error = parseError(head + String(repeating: chunk, count: 5), limits: limits)
    #expect(error?.status == .contentTooLarge)
    #expect(error?.code == "chunk_extensions_too_large")
}

@Test func theChunkExtensionCapIsReachedLongBeforeTheBodyLimit() {
    // One-byte chunks with the longest extension a line may carry: at the default cap the parser
    // stops after a few KiB of them, not after a body limit's worth (a GiB of extensions).
    let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    let chunk = "1;" + String(repeating: "e", count: 1000) + "\r\nx\r\n"
    let chunks = HTTPParserLimits().maxChunkExtensionBytes / 1000 + 1
    #expect(parseError(head + String(repeating: chunk, count: chunks))?.code == "chunk_extensions_too_large")
}
