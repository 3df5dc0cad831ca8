import Testing
import HTTP
import HTTPTestSupport

/// Routing answers and handler errors on a live socket.
@Test func wrongMethodGets405WithAllow() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("PUT /hello HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(response.errorCode == "method_not_allowed")
    }
}

@Test func optionsGets204WithAllow() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("OPTIONS /echo HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 204)
        #expect(response.header("Allow") == "POST, OPTIONS")
        #expect(response.header("Content-Length") == nil)
    }
}

@Test func unknownPathGets404JSON() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /nowhere HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.errorCode == "not_found")
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().status == 200)
    }
}

@Test func pathAndQueryArePercentDecoded() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /similar/Am%C3%A9lie%20(2001) HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "movie=Amélie (2001)")
        try client.send("GET /query?k=10&title=Toy+Story%3A+2&k=%2B1 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "k=10|title=Toy Story: 2|k=+1")
    }
}

@Test func handlerHTTPErrorIsRendered() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /teapot HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 418)
        #expect(response.text == #"{"error":{"code":"teapot","message":"short and stout"}}"#)
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().status == 200)
    }
}

@Test func unexpectedHandlerErrorIsALogged500AndTheServerStaysUp() throws {
    let log = LogLines()
    try withServer(configure: { $0.logger = log.logger }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /crash HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 500)
        #expect(response.errorCode == "internal_error")
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let other = try RawClient(port: port)
        try other.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try other.readResponse().status == 200)
    }
    #expect(log.lines.contains { $0.hasPrefix("error ") && $0.contains("/crash") && $0.contains("Unexpected") })
}

@Test func observerSeesRouteTemplatesNotRawPaths() throws {
    let records = Records()
    try withServer(configure: { $0.observer = { record in records.append(record) } }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /similar/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: h\r\n\r\n")
        _ = try client.readResponse()
        _ = try client.readResponse()
    }
    let seen = records.all.map { "\($0.method) \($0.route) \($0.status)" }
    #expect(seen == ["GET /similar/:movie 200", "GET unmatched 404"])
    #expect(records.all.allSatisfy { $0.duration >= 0 })
}

@Test func observerNamesUnrecognisedMethodsUnknownSoTheyCannotGrowLabels() throws {
    let records = Records()
    try withServer(configure: { $0.observer = { record in records.append(record) } }) { _, port in
        let client = try RawClient(port: port)
        try client.send("X1 /hello HTTP/1.1\r\nHost: h\r\n\r\nX2 /nowhere HTTP/1.1\r\nHost: h\r\n\r\n")
        _ = try client.readResponse()
        _ = try client.readResponse()
    }
    #expect(records.all.map { "\($0.method) \($0.route) \($0.status)" } == ["UNKNOWN /hello 501", "UNKNOWN unmatched 501"])
}
