import Foundation
import Synchronization
import Testing
import HTTP
import HTTPTestSupport

/// Clients that read slowly or not at all: the server computes answers only as fast as they are
/// read, and a client that keeps reading is not cut off, however long its answers take.

/// The most payload bytes the kernel may hold for one connection outside the server's own
/// output queue: the server's send buffer at its largest (the third field of `tcp_wmem`) and
/// the client's receive buffer.
private func kernelBufferBytes(clientReceiveBuffer: Int) -> Int {
    let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/tcp_wmem", encoding: .utf8)) ?? ""
    let sendMaximum = text.split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) } ?? 16 * 1024 * 1024
    return sendMaximum + 2 * clientReceiveBuffer
}

/// `counter` once it has stopped moving for half a second (or after ten seconds).
private func settled(_ counter: borrowing Atomic<Int>) -> Int {
    var last = counter.load(ordering: .relaxed)
    var still = 0
    for _ in 0..<200 where still < 10 {
        Thread.sleep(forTimeInterval: 0.05)
        let now = counter.load(ordering: .relaxed)
        still = now == last ? still + 1 : 0
        last = now
    }
    return last
}

@Test func aClientThatNeverReadsGetsOnlyAsManyAnswersComputedAsTheBoundAllows() throws {
    let size = 16 * 1024
    let bound = 64 * 1024
    let requests = 1500
    let computed = Atomic<Int>(0)
    var router = testRouter()
    router.get("/block") { _ in
        computed.add(1, ordering: .relaxed)
        return HTTPResponse(body: [UInt8](repeating: 0x62, count: size))
    }
    try withServer(router, configure: { $0.maxOutputBytes = bound }) { _, port in
        let receiveBuffer = 4096
        let client = try RawClient(port: port, receiveBufferBytes: receiveBuffer)
        try client.send(String(repeating: "GET /block HTTP/1.1\r\nHost: h\r\n\r\n", count: requests))
        let answeredAhead = settled(computed)
        let allowed = (bound + kernelBufferBytes(clientReceiveBuffer: receiveBuffer)) / size + 2
        #expect(answeredAhead <= allowed, "\(answeredAhead) answers computed for a client that read none")
        #expect(answeredAhead < requests)

        let other = try RawClient(port: port)
        try other.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try other.readResponse().text == "hello")

        for index in 0..<requests {
            let response = try client.readResponse()
            guard response.status == 200, response.body.count == size else {
                Issue.record("answer \(index) was \(response.status) with \(response.body.count) bytes")
                return
            }
        }
        #expect(computed.load(ordering: .relaxed) == requests)
        try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().text == "hello")
    }
}

@Test func answersHeldBackByTheBoundKeepTheirOrder() throws {
    try withServer(configure: { $0.maxOutputBytes = 1 }) { _, port in
        let client = try RawClient(port: port)
        try client.send((1...50).map { "GET /count/\($0) HTTP/1.1\r\nHost: h\r\n\r\n" }.joined()
                        + "GET /count/51 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        for index in 1...51 {
            #expect(try client.readResponse().text == "\(index)")
        }
        #expect(client.serverClosed())
    }
}

@Test func aSlowReaderThatKeepsReadingIsNotCutOffByTheWriteTimeout() throws {
    let size = 16 * 1024 * 1024
    var router = Router()
    router.get("/big") { _ in HTTPResponse(body: [UInt8](repeating: 0x61, count: size)) }
    try withServer(router, configure: { $0.writeTimeout = .milliseconds(500) }) { _, port in
        let chunk = 64 * 1024
        let client = try RawClient(port: port, receiveBufferBytes: chunk)
        try client.send("GET /big HTTP/1.1\r\nHost: h\r\n\r\n")
        // About 6 MB/s: the answer takes several write timeouts to leave the server, but every
        // read moves it on.
        var received = 0
        while received < size {
            let count = try client.receive(upTo: chunk)
            if count == 0 { break }
            received += count
            Thread.sleep(forTimeInterval: 0.01)
        }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.body.count == size)
    }
}

@Test func pipelinedPoolRequestsSentBeforeAHalfCloseAreAllAnswered() throws {
    let runs = Atomic<Int>(0)
    var router = Router()
    router.post("/work", placement: .pool) { _ in
        Thread.sleep(forTimeInterval: 0.02)
        return .text(String(runs.add(1, ordering: .relaxed).newValue))
    }
    try withServer(router) { _, port in
        let client = try RawClient(port: port)
        try client.send(String(repeating: "POST /work HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", count: 5))
        client.finishSending()
        for index in 1...5 {
            #expect(try client.readResponse().text == "\(index)")
        }
        #expect(client.serverClosed())
        #expect(runs.load(ordering: .relaxed) == 5)
    }
}
