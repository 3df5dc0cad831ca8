import Foundation
import HTTPTestSupport
import Testing
@testable import HTTP

/// Every answer carries `X-Request-Id` — the client's when plausible, else one the server
/// made — and the observer sees the same id with what was asked and answered.
@Suite struct RequestIDTests {
    @Test func everyAnswerCarriesAnIdAndTheObserverTheSame() throws {
        let records = Records()
        try withServer(configure: { $0.observer = { records.append($0) } }) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello?x=1 HTTP/1.1\r\nHost: h\r\n\r\nGET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            let first = try client.readResponse()
            let second = try client.readResponse()
            let ids = [first.header("X-Request-Id"), second.header("X-Request-Id")].compactMap { $0 }
            #expect(ids.count == 2 && ids[0] != ids[1])
            #expect(ids.allSatisfy { RequestID.isPlausible($0) })
            let seen = records.all
            #expect(seen.map(\.requestID) == ids)
            #expect(seen.map(\.target) == ["/hello?x=1", "/hello"])
            #expect(seen.map(\.bytes) == [5, 5])
        }
    }

    @Test func aPlausibleClientIdIsKeptAndAnyOtherReplaced() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: h\r\nX-Request-Id: checkout-7f3a:2\r\n\r\n")
            #expect(try client.readResponse().header("X-Request-Id") == "checkout-7f3a:2")
            for given in ["has space", String(repeating: "a", count: 129), "é"] {
                try client.send("GET /hello HTTP/1.1\r\nHost: h\r\nX-Request-Id: \(given)\r\n\r\n")
                let id = try client.readResponse().header("X-Request-Id")
                #expect(id != nil && id != given && RequestID.isPlausible(id ?? ""))
            }
        }
    }

    @Test func aRequestTheServerRejectsIsAnsweredWithAnIdToo() throws {
        let records = Records()
        try withServer(configure: { $0.observer = { records.append($0) } }) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: h\r\nHost: again\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            let id = try #require(response.header("X-Request-Id"))
            #expect(records.all.map(\.requestID) == [id])
            #expect(records.all.first?.route == "invalid")
        }
    }
}
