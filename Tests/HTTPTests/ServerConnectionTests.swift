import Testing
import HTTP
import HTTPTestSupport

/// Connection management on a live socket: keep-alive, pipelining, closing rules, HEAD.
@Test func keepAliveReusesTheConnection() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        for _ in 0..<3 {
            try client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
            #expect(response.header("Connection") == nil)
            #expect(response.header("Server") == "movierec")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Content-Length") == "5")
        }
    }
}

@Test func pipelinedRequestsAreAnsweredInOrder() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        let batch = (1...20).map { "GET /count/\($0) HTTP/1.1\r\nHost: h\r\n\r\n" }.joined()
        try client.send(batch + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nlast")
        for index in 1...20 {
            #expect(try client.readResponse().text == "\(index)")
        }
        #expect(try client.readResponse().text == "last")
    }
}

@Test func http10ClosesUnlessKeepAliveIsAsked() throws {
    try withServer { _, port in
        let plain = try RawClient(port: port)
        try plain.send("GET /hello HTTP/1.0\r\n\r\n")
        let first = try plain.readResponse()
        #expect(first.status == 200)
        #expect(first.header("Connection") == "close")
        #expect(plain.serverClosed())

        let kept = try RawClient(port: port)
        try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "keep-alive")
        try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().status == 200)
    }
}

@Test func connectionCloseEndsTheConnectionAfterTheResponse() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Connection") == "close")
        #expect(client.serverClosed())
        #expect(client.unreadBytes.isEmpty)
    }
}

@Test func headGetsHeadersWithoutBody() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("HEAD /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse(headOnly: true)
        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "5")
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "hello")
    }
}

@Test func requestsSentBeforeAHalfCloseAreStillAnswered() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /count/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /count/2 HTTP/1.1\r\nHost: h\r\n\r\n")
        client.finishSending()
        #expect(try client.readResponse().text == "1")
        #expect(try client.readResponse().text == "2")
        #expect(client.serverClosed())
    }
}

@Test func aHigherMinorVersionIsAnsweredAsHTTP11() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /hello HTTP/1.2\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == nil)
        try client.send("GET /count/2 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "2")
    }
}

@Test func anUnknownOrLowercaseMethodGets501AndTheConnectionStays() throws {
    try withServer { _, port in
        let client = try RawClient(port: port)
        for method in ["get", "BREW"] {
            try client.send("\(method) /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 501)
            #expect(response.errorCode == "not_implemented")
        }
        try client.send("PUT /hello HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        #expect(try client.readResponse().status == 405)
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "hello")
    }
}
