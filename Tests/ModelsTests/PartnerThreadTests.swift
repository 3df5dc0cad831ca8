import Foundation
import Testing
@testable import Models

/// The thread a workspace lends to another request's layers: jobs run on it, one at a time,
/// `wait` returns only after the job, and a dropped partner's thread ends.
@Suite struct PartnerThreadTests {
    /// Threads of this process with `name`, from /proc (Linux names threads up to 15 bytes).
    static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name
        }.count
    }

    @Test func jobsRunOnTheOtherThreadAndWaitReturnsAfterThem() {
        let partner = PartnerThread(name: "mr-partner-a")
        let caller = Thread.current
        final class Log: @unchecked Sendable { var entries: [Int] = []; var onCaller = false; var names: Set<String> = [] }
        let log = Log()
        for round in 0..<200 {
            partner.start {
                if Thread.current == caller { log.onCaller = true }
                let name = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
                log.names.insert(name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unreadable")
                // long enough that a `wait` which did not wait would read the log too early
                if round % 50 == 0 { usleep(2_000) }
                log.entries.append(round)
            }
            partner.wait()
            #expect(log.entries.last == round)
            // a pause past the spin window parks the thread, so the next start must wake it
            if round % 40 == 0 { usleep(1_000) }
        }
        #expect(log.entries == Array(0..<200))
        #expect(!log.onCaller)
        #expect(log.names == ["mr-partner-a"], "the kernel knows the thread by its name")
    }

    @Test func aDroppedPartnerEndsItsThread() async throws {
        let name = "mr-partner-b"
        var partners = (0..<8).map { _ in PartnerThread(name: name) }
        for partner in partners {
            partner.start {}
            partner.wait()
        }
        #expect(Self.threads(named: name) == 8)
        partners.removeAll()
        var remaining = Self.threads(named: name)
        for _ in 0..<500 where remaining > 0 {
            try await Task.sleep(for: .milliseconds(10))
            remaining = Self.threads(named: name)
        }
        #expect(remaining == 0, "\(remaining) partner threads outlived their owners")
    }
}
