import Foundation
import Testing
import HTTP
import HTTPTestSupport

/// Timeouts, the connection cap and graceful stop.
@Test func headerTimeoutCutsOffASlowlorisWhileOthersAreServed() throws {
    try withServer(configure: { $0.headerTimeout = .milliseconds(300) }) { _, port in
        let slow = try RawClient(port: port)
        try slow.send("GET /hello HTTP/1.1\r\nHost: h\r\n")
        let other = try RawClient(port: port)
        for _ in 0..<3 {
            try? slow.send("X-Drip: 1\r\n")
            try other.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try other.readResponse().status == 200)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let timeout = try slow.readResponse()
        #expect(timeout.status == 408)
        #expect(timeout.errorCode == "request_timeout")
        #expect(slow.serverClosed())
    }
}

@Test func idleKeepAliveConnectionsAreClosed() throws {
    try withServer(configure: { $0.idleTimeout = .milliseconds(200) }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(client.serverClosed())
        #expect(client.unreadBytes.isEmpty)
    }
}

@Test func connectionsPastTheCapGet503() throws {
    try withServer(configure: { $0.maxConnections = 2 }) { _, port in
        let first = try RawClient(port: port)
        let second = try RawClient(port: port)
        for client in [first, second] {
            try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let third = try RawClient(port: port)
        let refused = try third.readResponse()
        #expect(refused.status == 503)
        #expect(refused.errorCode == "service_unavailable")
        #expect(third.serverClosed())
        try first.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try first.readResponse().status == 200)
    }
}

@Test func gracefulStopFinishesAnInFlightSlowRequest() throws {
    let handlerStarted = DispatchSemaphore(value: 0)
    var router = Router()
    router.get("/slow") { _ in
        handlerStarted.signal()
        Thread.sleep(forTimeInterval: 0.5)
        return .text("done")
    }
    let server = HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), router: router)
    let port = try server.start()
    let client = try RawClient(port: port)
    let idle = try RawClient(port: port)
    try client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
    #expect(handlerStarted.wait(timeout: .now() + 5) == .success)
    let stopped = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        server.stop(gracePeriod: .seconds(5))
        stopped.signal()
    }
    let response = try client.readResponse()
    #expect(response.status == 200)
    #expect(response.text == "done")
    #expect(response.header("Connection") == "close")
    #expect(client.serverClosed())
    #expect(idle.serverClosed())
    #expect(stopped.wait(timeout: .now() + 5) == .success)
    #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
}

@Test func stopClosesConnectionsThatOutliveTheGracePeriod() throws {
    let server = HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), router: testRouter())
    let port = try server.start()
    let partial = try RawClient(port: port)
    try partial.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nab")
    Thread.sleep(forTimeInterval: 0.05)
    server.stop(gracePeriod: .milliseconds(200))
    #expect(partial.serverClosed())
}

@Test func startReportsAnEphemeralPortAndRaisesTheDescriptorLimit() throws {
    try withServer { server, port in
        #expect(port > 0)
        #expect(server.port == port)
        #expect(server.fileDescriptorLimit > 0)
    }
}

@Test func bodyTimeoutAnswers408() throws {
    try withServer(configure: { $0.bodyTimeout = .milliseconds(300) }) { _, port in
        let client = try RawClient(port: port)
        try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nab")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.serverClosed())
    }
}

@Test func writeTimeoutClosesAClientThatNeverReads() throws {
    let size = 16 * 1024 * 1024
    var router = Router()
    router.get("/big") { _ in HTTPResponse(body: [UInt8](repeating: 0x61, count: size)) }
    try withServer(router, configure: { $0.writeTimeout = .milliseconds(300) }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /big HTTP/1.1\r\nHost: h\r\n\r\n")
        Thread.sleep(forTimeInterval: 1)
        #expect(client.serverClosed())
        #expect(client.unreadBytes.count < size)
    }
}

@Test func stopOnSignalsStopsTheServer() throws {
    let server = HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), router: testRouter())
    let port = try server.start()
    try server.stopOnSignals([SIGUSR2], gracePeriod: .seconds(1))
    kill(getpid(), SIGUSR2)
    let stopped = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        server.waitUntilStopped()
        stopped.signal()
    }
    #expect(stopped.wait(timeout: .now() + 5) == .success)
    #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
}

@Test func startRejectsBadAddressesAndASecondStart() throws {
    #expect(throws: HTTPServerError.invalidPort(70_000)) {
        try HTTPServer(configuration: .init(port: 70_000), router: Router()).start()
    }
    #expect(throws: HTTPServerError.invalidHost("example.com")) {
        try HTTPServer(configuration: .init(host: "example.com", port: 0), router: Router()).start()
    }
    try withServer { server, _ in
        #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
    }
}

@Test func aBusyKeepAliveConnectionOutlivesTheIdleTimeout() throws {
    try withServer(configure: { $0.idleTimeout = .milliseconds(300) }) { _, port in
        let client = try RawClient(port: port)
        for _ in 0..<8 {
            try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") != "close")
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(client.serverClosed())
    }
}

/// `top -H`, perf and gdb show which of the server's threads is busy: the event loops and
/// handler threads carry their names in the kernel, not only in Foundation.
@Test func serverThreadsAreNamedInTheKernel() throws {
    let ownName = { (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unreadable" }
    var router = Router()
    router.get("/loop") { _ in .text(ownName()) }
    router.get("/pool", placement: .pool) { _ in .text(ownName()) }
    try withServer(router, configure: { $0.handlerThreads = 1 }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /loop HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text.hasPrefix("http-loop-"))
        try client.send("GET /pool HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "http-handler-0")
    }
}
