import Testing
import HTTP
import HTTPTestSupport

/// Malformed requests on a live socket: each gets its JSON error and the connection is closed.
private func expectRejected(_ raw: String, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(raw)
        let response = try client.readResponse()
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.errorCode == code, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(client.serverClosed(), sourceLocation: sourceLocation)
    }
}

@Test func missingHostIsRejected() throws {
    try expectRejected("GET /hello HTTP/1.1\r\n\r\n", status: 400, code: "missing_host")
}

@Test func obsoleteLineFoldingIsRejected() throws {
    try expectRejected("GET /hello HTTP/1.1\r\nHost: h\r\nX-A: a\r\n\tb\r\n\r\n", status: 400, code: "obsolete_line_folding")
}

@Test func bareCRIsRejected() throws {
    try expectRejected("GET /hello HTTP/1.1\r\nHost: h\rX\r\n\r\n", status: 400, code: "bare_cr")
}

@Test func nulIsRejected() throws {
    try expectRejected("GET /hello HTTP/1.1\r\nHost: h\u{0}\r\n\r\n", status: 400, code: "nul_byte")
}

@Test func contentLengthWithTransferEncodingIsRejected() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                       status: 400, code: "content_length_with_transfer_encoding")
}

@Test func duplicateContentLengthIsRejected() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
                       status: 400, code: "duplicate_content_length")
}

@Test func badChunkSizeIsRejected() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", status: 400,
                       code: "invalid_chunk_size")
}

@Test func oversizedBodyGets413() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999\r\n\r\n", status: 413, code: "content_too_large")
}

@Test func overlongRequestLineGets414() throws {
    try expectRejected("GET /\(String(repeating: "a", count: 10_000)) HTTP/1.1\r\nHost: h\r\n\r\n", status: 414,
                       code: "request_line_too_long")
}

@Test func oversizedHeadersGet431() throws {
    try expectRejected("GET /hello HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "b", count: 20_000))\r\n\r\n",
                       status: 431, code: "header_fields_too_large")
    let many = (0..<150).map { "X-\($0): v\r\n" }.joined()
    try expectRejected("GET /hello HTTP/1.1\r\nHost: h\r\n\(many)\r\n", status: 431, code: "too_many_header_fields")
}

@Test func chunkedBodiesAreDecoded() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n")
        try client.send("5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.text == "Wikipedia in\r\n\r\nchunks.")
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "hello")
    }
}

@Test func expectContinueGets100BeforeTheBody() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("hello")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text == "hello")
    }
}

@Test func expectContinueWithTooLargeBodyGets413InsteadOf100() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 99999999\r\n\r\n",
                       status: 413, code: "content_too_large")
}

@Test func unknownExpectationGets417() throws {
    try expectRejected("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n", status: 417,
                       code: "expectation_failed")
}

@Test(arguments: [
    ("GET /hello HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400, "invalid_host"),
    ("GET /hello HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, "invalid_host"),
    ("GET /hello HTTP/1.1\r\nHost: x:abc\r\n\r\n", 400, "invalid_host"),
    ("GET /hello HTTP/1.1\r\nHost: x@y\r\n\r\n", 400, "invalid_host"),
    ("GET /hello HTTP/1.1\r\nHost: a,b\r\n\r\n", 400, "invalid_host"),
    ("GET http://a@x/hello HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_request_target"),
    ("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n1\r\na\r\n0\r\n\r\n", 400,
     "invalid_transfer_encoding"),
    ("GET /hello HTTP/2.0\r\nHost: h\r\n\r\n", 505, "http_version_not_supported"),
    // One-byte chunks, each with a 1 KB extension: cut off at the cap, not at the body limit.
    ("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
     + String(repeating: "1;" + String(repeating: "e", count: 1000) + "\r\nx\r\n", count: 20), 413, "chunk_extensions_too_large"),
])
func hostileRequestsAreRejected(_ raw: String, status: Int, code: String) throws {
    try expectRejected(raw, status: status, code: code)
}
