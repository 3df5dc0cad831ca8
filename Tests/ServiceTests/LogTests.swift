import Foundation
import HTTP
import Logging
import Testing
@testable import Service

/// The log's lines: one per record, UTC timestamps, text or JSON, and the access log.
@Suite struct LogTests {
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var lines: [String] { lock.withLock { stored } }
        var output: LogOutput { LogOutput { line in self.lock.withLock { self.stored.append(line) } } }
    }

    private static let timestamp = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/#

    @Test func textLinesCarryUTCTimeLevelLabelAndSortedMetadata() throws {
        let captured = Captured()
        let logger = Logger.lines("movierec.test", format: .text, level: .info, output: captured.output)
        logger.info("swapped in", metadata: ["version": "v2", "files": "a b", "count": "3"])
        logger.debug("not shown")
        #expect(captured.lines.count == 1)
        let line = try #require(captured.lines.first)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" })
        let parts = line.dropLast().split(separator: " ", maxSplits: 1).map(String.init)
        #expect(parts[0].wholeMatch(of: Self.timestamp) != nil)
        #expect(parts[1] == #"info movierec.test: swapped in count=3 files="a b" version=v2"#)
        let stamped = try #require(ISO8601DateFormatter().date(from: String(parts[0].prefix(19)) + "Z"))
        #expect(abs(stamped.timeIntervalSinceNow) < 60)
    }

    @Test func jsonLinesAreOneObjectEach() throws {
        let captured = Captured()
        let logger = Logger.lines("movierec.test", format: .json, level: .trace, output: captured.output)
        logger.warning("slow \"request\"\nagain", metadata: ["status": "\(200)", "nested": ["k": "v"], "list": ["a", "b"]])
        let line = try #require(captured.lines.first)
        #expect(line.hasSuffix("}\n") && line.dropLast().allSatisfy { $0 != "\n" })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "movierec.test")
        #expect(object["message"] as? String == "slow \"request\"\nagain")
        #expect(object["status"] as? String == "200")
        #expect((object["nested"] as? [String: String]) == ["k": "v"])
        #expect((object["list"] as? [String]) == ["a", "b"])
        #expect((object["time"] as? String)?.wholeMatch(of: Self.timestamp) != nil)
    }

    @Test func theAccessLogWritesALinePerRequestAndSlowOnesAgain() throws {
        let captured = Captured()
        let access = AccessLog(logger: .lines("movierec.access", format: .json, level: .info, output: captured.output),
                               slowThreshold: 0.5)
        access.record(HTTPRequestRecord(route: "/predict", method: .get, status: 200, duration: 0.0012,
                                        requestID: "abc-1", target: "/predict?user=1&movie=2", bytes: 120))
        access.record(HTTPRequestRecord(route: "/recommendations/:user", method: .get, status: 200, duration: 0.75,
                                        requestID: "abc-2", target: "/recommendations/1", bytes: 900))
        let objects = try captured.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["level"] as? String } == ["info", "info", "warning"])
        #expect(objects[0]["request_id"] as? String == "abc-1")
        #expect(objects[0]["method"] as? String == "GET")
        #expect(objects[0]["target"] as? String == "/predict?user=1&movie=2")
        #expect(objects[0]["status"] as? Int == 200)
        #expect(objects[0]["bytes"] as? Int == 120)
        #expect(objects[0]["duration_ms"] as? Double == 1.2)
        #expect(objects[2]["message"] as? String == "slow request" && objects[2]["request_id"] as? String == "abc-2")

        let quiet = Captured()
        let warnings = AccessLog(logger: .lines("movierec.access", format: .text, level: .warning, output: quiet.output),
                                 slowThreshold: 0.5)
        warnings.record(HTTPRequestRecord(route: "/predict", method: .get, status: 200, duration: 0.001))
        warnings.record(HTTPRequestRecord(route: "/predict", method: .get, status: 200, duration: 0.6))
        #expect(quiet.lines.count == 1 && quiet.lines[0].contains("warning movierec.access: slow request"))
    }
}

/// A log reader that stalls costs lines, never a blocked request.
@Suite struct LogWriterTests {
    @Test func aStalledReaderDropsLinesAndIsToldHowManyOnceItReadsAgain() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        // Fill the pipe, so the writer's first write blocks until the test reads.
        let getPipeSize: Int32 = 1032  // Linux's F_GETPIPE_SZ, which Glibc's Swift module does not export
        let filler = [UInt8](repeating: UInt8(ascii: "."), count: Int(fcntl(ends[1], getPipeSize)))
        #expect(filler.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == filler.count)
        let writer = LogWriter(descriptor: ends[1], capacity: 1000)
        for index in 0..<200 { writer.append("line \(index) " + String(repeating: "x", count: 90) + "\n") }
        // Every append returned although nothing was read. Now read until every line is
        // accounted for: written, or counted in a "dropped" line.
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var kept: [Int] = []
        var droppedCounts: [Int] = []
        while kept.count + droppedCounts.reduce(0, +) < 200 {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            #expect(count > 0)
            if count <= 0 { break }
            received += buffer[0..<count]
            let lines = String(decoding: received.dropFirst(filler.count), as: UTF8.self).split(separator: "\n")
            kept = lines.filter { $0.hasPrefix("line ") }.compactMap { Int($0.split(separator: " ")[1]) }
            droppedCounts = lines.filter { $0.contains(" warning movierec.log: ") }
                .compactMap { $0.split(separator: " ").dropFirst(3).first.flatMap { Int($0) } }
        }
        #expect(writer.flush())
        #expect(!kept.isEmpty && !droppedCounts.isEmpty)
        #expect(kept == kept.sorted())
        #expect(kept.count + droppedCounts.reduce(0, +) == 200)
    }
}
