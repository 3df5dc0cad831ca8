import Foundation
import Ratings
import Testing
@testable import Store

@Suite struct GroupCommitTests {
    private struct Broken: Error, Equatable {}

    /// Runs `count` submitters while the first commit is held open, releases it once all the
    /// others are queued, and returns each submitter's result.
    private func runHeldGroup(count: Int, commit: @escaping @Sendable ([Int]) throws -> [Int]) -> [Result<Int, any Error>] {
        let committer = GroupCommit<Int, Int>()
        let release = DispatchSemaphore(value: 0)
        let firstStarted = DispatchSemaphore(value: 0)
        let results = Locked<[Int: Result<Int, any Error>]>([:])
        let group = DispatchGroup()
        let submit: @Sendable (Int) -> Void = { input in
            let result = Result {
                try committer.submit(input) { inputs in
                    if inputs == [0] {
                        firstStarted.signal()
                        release.wait()
                    }
                    return try commit(inputs)
                }
            }
            results.update { $0[input] = result }
        }
        group.enter()
        Thread { submit(0); group.leave() }.start()
        firstStarted.wait()
        for input in 1..<count {
            group.enter()
            Thread { submit(input); group.leave() }.start()
        }
        while committer.queuedCount < count - 1 { Thread.sleep(forTimeInterval: 0.001) }
        release.signal()
        group.wait()
        #expect(committer.statistics.groups == 2, "the first alone, then everyone who queued behind it")
        #expect(committer.statistics.requests == count)
        return (0..<count).compactMap { results.value[$0] }
    }

    @Test func callersQueuedBehindACommitShareTheNextOneAndGetTheirOwnResults() throws {
        let results = runHeldGroup(count: 6) { inputs in inputs.map { $0 * 10 } }
        #expect(try results.map { try $0.get() } == [0, 10, 20, 30, 40, 50])
    }

    @Test func aFailedCommitFailsEveryCallerInItsGroupOnly() {
        let results = runHeldGroup(count: 4) { inputs in
            if inputs.contains(3) { throw Broken() }
            return inputs
        }
        #expect((try? results[0].get()) == 0)
        for result in results.dropFirst() {
            #expect(throws: Broken.self) { try result.get() }
        }
    }
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value { lock.withLock { stored } }

    func update(_ body: (inout Value) -> Void) {
        lock.withLock { body(&stored) }
    }
}
