import Foundation
import Synchronization
import Testing
import HTTP
import HTTPTestSupport

/// Pool-placed handlers: they must not hold up their loop, and answers keep request order.

/// A router whose `/blocked` handler runs on the pool and waits until `release` is signalled.
private func blockingRouter(started: DispatchSemaphore, release: DispatchSemaphore) -> Router {
    var router = testRouter()
    router.get("/blocked", placement: .pool) { _ in
        started.signal()
        _ = release.wait(timeout: .now() + 10)
        return .text("released")
    }
    return router
}

@Test func aBlockedPoolHandlerDoesNotHoldUpItsLoop() throws {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    try withServer(blockingRouter(started: started, release: release), configure: { $0.eventLoopCount = 1 }) { _, port in
        let slow = try RawClient(port: port)
        try slow.send("GET /blocked HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        let other = try RawClient(port: port)
        for _ in 0..<3 {
            try other.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try other.readResponse().text == "hello")
        }
        release.signal()
        let answer = try slow.readResponse()
        #expect(answer.status == 200)
        #expect(answer.text == "released")
        try slow.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try slow.readResponse().text == "hello")
    }
}

@Test func pipelinedRequestsAroundAPoolHandlerAreAnsweredInOrder() throws {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    try withServer(blockingRouter(started: started, release: release)) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /count/1 HTTP/1.1\r\nHost: h\r\n\r\n"
                        + "GET /blocked HTTP/1.1\r\nHost: h\r\n\r\n"
                        + "GET /count/3 HTTP/1.1\r\nHost: h\r\n\r\n"
                        + "GET /count/4 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        #expect(try client.readResponse().text == "1")
        release.signal()
        #expect(try client.readResponse().text == "released")
        #expect(try client.readResponse().text == "3")
        let last = try client.readResponse()
        #expect(last.text == "4")
        #expect(last.header("Connection") == "close")
        #expect(client.serverClosed())
    }
}

@Test func aClientThatLeavesDuringAPoolHandlerIsForgotten() throws {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    try withServer(blockingRouter(started: started, release: release), configure: { $0.eventLoopCount = 1 }) { _, port in
        do {
            let leaving = try RawClient(port: port)
            try leaving.send("GET /blocked HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(started.wait(timeout: .now() + 5) == .success)
        }
        // The descriptor may be reused by the next connection before the answer comes back: the
        // answer must not reach it.
        let next = try RawClient(port: port)
        release.signal()
        Thread.sleep(forTimeInterval: 0.1)
        try next.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try next.readResponse()
        #expect(response.text == "hello")
        #expect(next.unreadBytes.isEmpty)
    }
}

/// Answers `/loop` with nothing but notes the loop's thread; `/where` says whether it ran there.
private func placementRouter(_ placement: HandlerPlacement) -> Router {
    let loopThread = Mutex<pthread_t?>(nil)
    var router = Router()
    router.get("/loop") { _ in
        loopThread.withLock { $0 = pthread_self() }
        return .text("noted")
    }
    router.get("/where", placement: placement) { _ in
        let onLoop = loopThread.withLock { $0.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
        return .text(onLoop ? "loop" : "pool")
    }
    return router
}

@Test func poolWhenPlacementDecidesPerRequest() throws {
    try withServer(placementRouter(.poolWhen { $0.queryValue("heavy") == "1" }),
                   configure: { $0.eventLoopCount = 1 }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /loop HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "noted")
        try client.send("GET /where?heavy=0 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "loop")
        try client.send("GET /where?heavy=1 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "pool")
    }
}

@Test func withoutHandlerThreadsPoolRoutesRunOnTheLoop() throws {
    try withServer(placementRouter(.pool), configure: { $0.eventLoopCount = 1; $0.handlerThreads = 0 }) { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /loop HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "noted")
        try client.send("GET /where HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "loop")
    }
}

@Test func gracefulStopWaitsForAPoolHandler() throws {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let server = HTTPServer(configuration: .init(port: 0, eventLoopCount: 1),
                            router: blockingRouter(started: started, release: release))
    let port = try server.start()
    let client = try RawClient(port: port)
    try client.send("GET /blocked HTTP/1.1\r\nHost: h\r\n\r\n")
    #expect(started.wait(timeout: .now() + 5) == .success)
    let stopped = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        server.stop(gracePeriod: .seconds(5))
        stopped.signal()
    }
    Thread.sleep(forTimeInterval: 0.1)
    release.signal()
    let response = try client.readResponse()
    #expect(response.text == "released")
    #expect(response.header("Connection") == "close")
    #expect(client.serverClosed())
    #expect(stopped.wait(timeout: .now() + 5) == .success)
}

/// One handler thread, held by `/blocked`; a client posts `/count` behind it and then `departs`
/// (the test's way of leaving), and another posts after it. Releases the pool and returns what
/// each got (`/count` answers how many times it ran; nil when no answer could be read).
private func postBehindABlockedPool(departs: (RawClient) -> Void) throws -> (departed: String?, staying: String) {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let runs = Atomic<Int>(0)
    var router = blockingRouter(started: started, release: release)
    router.post("/count", placement: .pool) { _ in
        .text(String(runs.add(1, ordering: .relaxed).newValue))
    }
    return try withServer(router, configure: { $0.eventLoopCount = 1; $0.handlerThreads = 1 }) { _, port in
        let holder = try RawClient(port: port)
        try holder.send("GET /blocked HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        let departed = try RawClient(port: port)
        try departed.send("POST /count HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        departs(departed)
        Thread.sleep(forTimeInterval: 0.1)
        let staying = try RawClient(port: port)
        try staying.send("POST /count HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        release.signal()
        #expect(try holder.readResponse().text == "released")
        let stayingAnswer = try staying.readResponse().text
        return (try? departed.readResponse().text, stayingAnswer)
    }
}

@Test func aBackloggedPoolShedsTheCallsOfClientsThatReset() throws {
    let (departed, staying) = try postBehindABlockedPool { $0.reset() }
    #expect(departed == nil)
    #expect(staying == "1", "the departed client's queued call must have been shed")
}

@Test func aBackloggedPoolStillAnswersAClientThatOnlyHalfClosed() throws {
    let (halfClosed, staying) = try postBehindABlockedPool { $0.finishSending() }
    #expect(halfClosed == "1", "a FIN ends the requests, not the wait for their answers")
    #expect(staying == "2")
}

@Test func aClientThatHalfClosesAfterItsRequestIsStillAnswered() throws {
    var router = Router()
    router.post("/work", placement: .pool) { _ in
        Thread.sleep(forTimeInterval: 0.1)
        return .text("done")
    }
    try withServer(router) { _, port in
        let client = try RawClient(port: port)
        try client.send("POST /work HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        client.finishSending()
        let response = try client.readResponse()
        #expect(response.text == "done")
        #expect(response.header("Connection") == "close")
        #expect(client.serverClosed())
    }
}

