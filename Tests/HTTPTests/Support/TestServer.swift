import HTTP

/// Starts a server on an ephemeral port with short timeouts, runs `body`, and always stops it.
@discardableResult
func withServer<T>(_ router: Router = testRouter(), configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                   _ body: (HTTPServer, Int) throws -> T) throws -> T {
    var configuration = HTTPServer.Configuration(port: 0, eventLoopCount: 2, headerTimeout: .seconds(2),
                                                 bodyTimeout: .seconds(2), idleTimeout: .seconds(5),
                                                 writeTimeout: .seconds(2), lingerTimeout: .milliseconds(500))
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, router: router)
    let port = try server.start()
    defer { server.stop(gracePeriod: .seconds(1)) }
    return try body(server, port)
}

struct Unexpected: Error {}

/// Routes most tests share: echo handlers that reveal what the server parsed.
func testRouter() -> Router {
    var router = Router()
    router.get("/hello") { _ in .text("hello") }
    router.get("/similar/:movie") { request in
        .text("movie=\(try request.parameter("movie"))")
    }
    router.get("/query") { request in
        .text(request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))
    }
    router.post("/echo") { request in
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
    }
    router.get("/count/:n") { request in .text(try request.parameter("n")) }
    router.get("/teapot") { _ in
        throw HTTPError(status: HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), code: "teapot", message: "short and stout")
    }
    router.get("/crash") { _ in throw Unexpected() }
    return router
}
