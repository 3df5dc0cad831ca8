import Foundation
import HTTPTestSupport
import Testing
@testable import Service

@Suite struct HotSwapTests {
    /// Clients hammer the live server on keep-alive connections while the model is
    /// swapped again and again (reloads of two files and retrainings): every answer is 200.
    @Test func swappingUnderTrafficFailsNoRequest() throws {
        // Keep every file: the loop reloads the first two by name however many retrainings run.
        let fixture = try LiveFixture(keep: 10_000)
        defer { fixture.remove() }
        let first = try #require(fixture.manager.serving?.file)
        guard case .succeeded = fixture.manager.retrain() else { Issue.record("retraining failed"); return }
        let second = try #require(fixture.manager.serving?.file)
        try fixture.withServer { port in
            let stop = ManagedFlag()
            let results = ResultLog()
            let group = DispatchGroup()
            let targets = ["/predict?user=3&movie=4", "/recommendations/5?k=5", "/similar/2?k=3",
                           "/predict?user=9999&movie=4", "/health"]
            for clientIndex in 0..<3 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let client = try RawClient(port: port)
                        var index = clientIndex
                        while !stop.isSet {
                            let response = try client.exchange("GET", targets[index % targets.count])
                            results.add(response.status, target: targets[index % targets.count])
                            index += 1
                        }
                    } catch {
                        results.add(-1, target: "client error: \(error)")
                    }
                }.start()
            }
            // Swap until the clients have had hundreds of answers across the swaps.
            var round = 0
            while round < 12 || (results.count < 400 && round < 5_000) {
                defer { round += 1 }
                if round % 4 == 3 {
                    _ = fixture.manager.retrain()
                } else {
                    try fixture.manager.reload(name: round % 2 == 0 ? first : second)
                }
            }
            stop.set()
            group.wait()
            #expect(results.count >= 400)
            #expect(results.failures.isEmpty, "non-200 answers: \(results.failures.prefix(5))")
        }
    }
}

final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class ResultLog: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var bad: [String] = []

    func add(_ status: Int, target: String) {
        lock.withLock {
            total += 1
            if status != 200 { bad.append("\(status) \(target)") }
        }
    }

    var count: Int { lock.withLock { total } }
    var failures: [String] { lock.withLock { bad } }
}
