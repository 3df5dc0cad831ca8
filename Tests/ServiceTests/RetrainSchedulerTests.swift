import Foundation
import Ratings
import Testing
@testable import Service

@Suite struct RetrainSchedulerTests {
    /// Polls `condition` every 20 ms for up to 20 s: a bound against hanging, not a timing check.
    private func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<1_000 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func retrainsInTheBackgroundAfterNRatings() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let first = fixture.manager.serving?.version
        let scheduler = RetrainScheduler(manager: fixture.manager, every: nil, afterRatings: 3,
                                         pollInterval: .milliseconds(20))
        scheduler.start()
        defer { scheduler.stop() }
        try fixture.store.add([Rating(user: 700, movie: 1, value: 5, timestamp: 9_001),
                               Rating(user: 700, movie: 2, value: 4, timestamp: 9_002)])
        Thread.sleep(forTimeInterval: 0.1)
        #expect(fixture.manager.serving?.version == first, "two ratings are below the trigger")
        try fixture.store.add([Rating(user: 700, movie: 3, value: 3, timestamp: 9_003)])
        #expect(eventually { fixture.manager.serving?.version != first })
        #expect(fixture.manager.registry.current?.mf.users.index(of: 700) != nil)
    }

    @Test func retrainsOnTheIntervalOnlyWhenRatingsArrived() throws {
        let fixture = try LiveFixture()
        defer { fixture.remove() }
        let first = fixture.manager.serving?.version
        let scheduler = RetrainScheduler(manager: fixture.manager, every: .milliseconds(50), afterRatings: nil)
        scheduler.start()
        defer { scheduler.stop() }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(fixture.manager.serving?.version == first, "no new rating, no retraining")
        try fixture.store.add([Rating(user: 701, movie: 1, value: 5, timestamp: 9_001)])
        #expect(eventually { fixture.manager.serving?.version != first })
    }
}
