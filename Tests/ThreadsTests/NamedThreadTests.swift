import Foundation
import Testing
import Threads

/// A thread started by `startThread` carries its name in the kernel from its first
/// instruction of `body`, cut to the kernel's 15 bytes, however the race with the parent runs.
@Test func startedThreadsCarryTheirNameInTheKernel() {
    final class Seen: @unchecked Sendable { var names: [String] = [] }
    let seen = Seen()
    let lock = NSLock()
    let done = DispatchSemaphore(value: 0)
    let count = 50
    for index in 0..<count {
        let name = index.isMultiple(of: 2) ? "short-\(index)" : "a-long-thread-name-\(index)"
        startThread(named: name) {
            let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "unreadable"
            lock.withLock { seen.names.append(comm.trimmingCharacters(in: .whitespacesAndNewlines)) }
            done.signal()
        }
    }
    for _ in 0..<count { done.wait() }
    let expected = (0..<count).map { $0.isMultiple(of: 2) ? "short-\($0)" : String("a-long-thread-name-\($0)".prefix(15)) }
    #expect(seen.names.sorted() == expected.sorted())
}
