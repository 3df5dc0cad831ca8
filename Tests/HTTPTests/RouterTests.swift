import Testing
@testable import HTTP

private func request(_ method: HTTPMethod, _ path: String) -> HTTPRequest {
    var parser = HTTPRequestParser()
    parser.append(contentsOf: Array("\(method.rawValue) \(path) HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
    guard case .request(let request)? = try? parser.next() else {
        Issue.record("test request did not parse")
        return HTTPRequest(method: method, target: path, path: path, pathSegments: [])
    }
    return request
}

@Test func routesByMethodAndTemplateAndFillsParameters() {
    let outcome = testRouter().respond(to: request(.get, "/similar/42"))
    #expect(outcome.response.status == .ok)
    #expect(String(decoding: outcome.response.body, as: UTF8.self) == "movie=42")
    #expect(outcome.route == "/similar/:movie")
}

@Test func parametersDoNotMatchEmptyOrExtraSegments() {
    #expect(testRouter().respond(to: request(.get, "/similar/")).response.status == .notFound)
    #expect(testRouter().respond(to: request(.get, "/similar/1/2")).response.status == .notFound)
}

@Test func answersMethodNotAllowedWithAllow() {
    let outcome = testRouter().respond(to: request(.delete, "/echo"))
    #expect(outcome.response.status == .methodNotAllowed)
    #expect(outcome.response.headers["Allow"] == "POST, OPTIONS")
    #expect(outcome.route == "/echo")
}

@Test func answersOptionsAutomatically() {
    let outcome = testRouter().respond(to: request(.options, "/hello"))
    #expect(outcome.response.status == .noContent)
    #expect(outcome.response.headers["Allow"] == "GET, HEAD, OPTIONS")
}

@Test func headFallsBackToGet() {
    let outcome = testRouter().respond(to: request(.head, "/hello"))
    #expect(outcome.response.status == .ok)
    #expect(outcome.route == "/hello")
}

@Test func unknownPathsGetAJSONNotFoundAndNoRoute() {
    let outcome = testRouter().respond(to: request(.get, "/nowhere"))
    #expect(outcome.response.status == .notFound)
    #expect(outcome.route == nil)
    #expect(outcome.response.headers["Content-Type"] == "application/json")
}

@Test func handlerErrorsBecomeResponses() {
    let teapot = testRouter().respond(to: request(.get, "/teapot"))
    #expect(teapot.response.status.code == 418)
    #expect(String(decoding: teapot.response.body, as: UTF8.self)
            == #"{"error":{"code":"teapot","message":"short and stout"}}"#)
    let crash = testRouter().respond(to: request(.get, "/crash"))
    #expect(crash.response.status == .internalServerError)
    #expect(crash.unexpectedError != nil)
}

@Test func errorJSONEscapesMessages() {
    let response = HTTPResponse(error: HTTPError.badRequest("bad", "quote \" backslash \\ newline \n"))
    #expect(String(decoding: response.body, as: UTF8.self)
            == #"{"error":{"code":"bad","message":"quote \" backslash \\ newline \n"}}"#)
}

@Test func dispatchLeavesTheHandlerToTheCallerAndReportsItsPlacement() {
    var router = Router()
    router.get("/cheap") { _ in .text("cheap") }
    router.post("/write", placement: .pool) { _ in .text("written") }
    router.get("/maybe", placement: .poolWhen { $0.queryValue("slow") == "yes" }) { _ in .text("maybe") }

    guard case .handler(let cheap) = router.dispatch(request(.get, "/cheap")),
          case .handler(let write) = router.dispatch(request(.post, "/write")),
          case .handler(let fast) = router.dispatch(request(.get, "/maybe?slow=no")),
          case .handler(let slow) = router.dispatch(request(.get, "/maybe?slow=yes")) else {
        Issue.record("a matched route must dispatch to its handler")
        return
    }
    #expect(!cheap.runsOnPool && write.runsOnPool && !fast.runsOnPool && slow.runsOnPool)
    #expect(String(decoding: write.run().response.body, as: UTF8.self) == "written")
    #expect(write.run().route == "/write")

    guard case .answered(let missing) = router.dispatch(request(.get, "/nowhere")),
          case .answered(let wrongMethod) = router.dispatch(request(.delete, "/write")) else {
        Issue.record("404 and 405 are answered by the router itself")
        return
    }
    #expect(missing.response.status == .notFound)
    #expect(wrongMethod.response.status == .methodNotAllowed)
}

@Test func unknownAndLowercaseMethodsGet501WhereKnownOnesGet405() {
    for method in ["get", "FOO", "Post", "BREW"] {
        let outcome = testRouter().respond(to: request(HTTPMethod(rawValue: method), "/hello"))
        #expect(outcome.response.status == .notImplemented, "\(method)")
        #expect(outcome.response.headers["Content-Type"] == "application/json")
        #expect(outcome.unrecognizedMethod)
        #expect(testRouter().respond(to: request(HTTPMethod(rawValue: method), "/nowhere")).response.status == .notImplemented)
    }
    for method in [HTTPMethod.put, .patch, .delete, .trace, .connect, HTTPMethod(rawValue: "QUERY")] {
        let outcome = testRouter().respond(to: request(method, "/hello"))
        #expect(outcome.response.status == .methodNotAllowed, "\(method)")
        #expect(!outcome.unrecognizedMethod)
    }
}

@Test func aMethodARouteRegistersIsRecognised() {
    var router = Router()
    router.on(HTTPMethod(rawValue: "PURGE"), "/cache") { _ in .text("purged") }
    #expect(router.respond(to: request(HTTPMethod(rawValue: "PURGE"), "/cache")).response.status == .ok)
    #expect(router.respond(to: request(HTTPMethod(rawValue: "PURGE"), "/other")).response.status == .notFound)
}
