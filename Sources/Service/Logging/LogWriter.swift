import Foundation
import Threads

/// Writes log lines to a descriptor on a thread of its own, so that a reader that stalls (a
/// pipe nobody drains, a slow disk) never holds up a request: an event loop only appends to
/// a bounded queue. Past `capacity` bytes waiting, lines are dropped and counted, and one line
/// saying how many follows as soon as the writer catches up. Lines are written whole and in
/// order, whatever gathered meanwhile in one `write(2)`.
public final class LogWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let capacity: Int
    private let condition = NSCondition()
    private var pending: [String] = []
    private var pendingBytes = 0
    private var dropped = 0
    private var writing = false
    /// The writer thread sleeps for lines: only then does an append wake it (a wake per line
    /// cost a context switch per request).
    private var idle = false

    /// The process's standard error.
    public static let standardError = LogWriter(descriptor: 2)

    public init(descriptor: Int32, capacity: Int = 1 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
        startThread(named: "log-writer") { [self] in run() }
    }

    func append(_ line: String) {
        condition.withLock {
            if pendingBytes + line.utf8.count > capacity {
                dropped += 1
                return
            }
            pending.append(line)
            pendingBytes += line.utf8.count
            if idle { condition.signal() }
        }
    }

    /// Waits until every line appended so far is written, or `timeout` passes (a reader that
    /// never drains must not keep the process from exiting); returns whether all were written.
    @discardableResult
    public func flush(timeout: TimeInterval = 2) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while !pending.isEmpty || writing {
                if !condition.wait(until: deadline) { return false }
            }
            return true
        }
    }

    private func run() {
        while true {
            let (lines, lost) = condition.withLock { () -> ([String], Int) in
                while pending.isEmpty && dropped == 0 {
                    idle = true
                    condition.wait()
                    idle = false
                }
                defer {
                    pending.removeAll(keepingCapacity: true)
                    pendingBytes = 0
                    dropped = 0
                    writing = true
                }
                return (pending, dropped)
            }
            // The batch in one write: whole lines, in order, one system call however many.
            var batch = lines.joined()
            if lost > 0 {
                batch += "\(LineLogHandler.timestamp()) warning movierec.log: \(lost) log lines dropped: the log's reader fell behind\n"
            }
            write(batch)
            condition.withLock {
                writing = false
                condition.broadcast()
            }
        }
    }

    private func write(_ line: String) {
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
