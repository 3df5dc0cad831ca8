import Foundation
import Testing
import Threads

/// A thread that takes a share of a caller's product: jobs run on it, one at a time, `wait`
/// returns only after the job, a dropped partner's thread ends, and a pool lends only the
/// partners idle at that moment.
@Suite struct PartnerThreadTests {
    /// Threads of this process with `name`, from /proc (Linux names threads up to 15 bytes).
    /// One listing can skip a thread when another exits during it (other suites run
    /// alongside), so this is the largest count of three listings.
    static func threads(named name: String) -> Int {
        (0..<3).map { _ in
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.filter { task in
                let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
                return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name
            }.count
        }.max() ?? 0
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

    @Test func inPartsRunsEveryPartOnceAndTheFirstOnTheCaller() {
        let partners = (0..<3).map { _ in PartnerThread(name: "mr-partner-c") }
        let caller = pthread_self()
        final class Parts: @unchecked Sendable {
            var runs = [Int](repeating: 0, count: 4)
            var onCaller = [Bool](repeating: false, count: 4)
        }
        let parts = Parts()
        PartnerThread.inParts(partners) { part in
            parts.runs[part] += 1
            parts.onCaller[part] = pthread_equal(pthread_self(), caller) != 0
        }
        #expect(parts.runs == [1, 1, 1, 1])
        #expect(parts.onCaller == [true, false, false, false])
    }

    @Test func aPoolLendsOnlyIdlePartnersAndNeverWaits() {
        let pool = PartnerPool(limit: 2, name: "mr-partner-d")
        var firstLent: PartnerThread?
        pool.withIdlePartners(upTo: 5) { outer in
            #expect(outer.count == 2, "no more than the limit")
            firstLent = outer.first
            pool.withIdlePartners(upTo: 1) { inner in
                #expect(inner.isEmpty, "every partner is lent: the caller works alone")
            }
        }
        pool.withIdlePartners(upTo: 1) { again in
            #expect(again.count == 1)
            #expect(again.first === firstLent, "the partner every split uses first, the likeliest still polling, is lent first")
        }
        #expect(PartnerPool(limit: 0, name: "mr-partner-e").withIdlePartners(upTo: 3) { $0.count } == 0)
    }
}
