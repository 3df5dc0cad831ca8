import Ratings
import Testing
@testable import Store

private func rating(_ user: Int64, _ movie: Int64, _ value: Float, _ time: Int64) -> Rating {
    Rating(user: user, movie: movie, value: value, timestamp: time)
}

/// Retracted ratings and forgotten users, on both backends.
extension RatingStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func aRetractedRatingIsOneLoggedChangeThatLowersTheCount(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 10, 4, 100), rating(1, 11, 3, 200), rating(2, 10, 5, 50)])
            let before = try store.fingerprint()
            #expect(try store.deleteRating(user: 1, movie: 11))
            #expect(try store.fingerprint() == StoreFingerprint(count: 2, maxTimestamp: 200, sequence: 2),
                    "the newest time ever written stays although its rating is gone")
            #expect(try store.changes(since: before) == 1)
            #expect(try store.ratingCount() == 2)
            #expect(try store.ratings(user: 1) == [rating(1, 10, 4, 100)])

            let after = try store.fingerprint()
            #expect(try !store.deleteRating(user: 1, movie: 11))
            #expect(try !store.deleteRating(user: 9, movie: 10))
            #expect(try store.fingerprint() == after, "a deletion that found nothing is not logged")

            #expect(try store.add([rating(1, 11, 2, 150)]) == WriteSummary(inserted: 1),
                    "a retracted pair takes a new rating, older or not")
            #expect(try store.fingerprint() == StoreFingerprint(count: 3, maxTimestamp: 200, sequence: 3))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func forgettingAUserDeletesTheirRatingsAndProfileInOneLoggedChange(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 10, 4, 100), rating(1, 11, 3, 300), rating(1, 12, 5, 200), rating(2, 10, 2, 50)])
            try store.upsert(users: [UserProfile(id: 1, age: 30, gender: "F", occupation: "writer"), UserProfile(id: 2, age: 40)])
            let trained = try store.fingerprint()

            #expect(try store.forgetUser(1) == .forgotten(ratings: 3))
            #expect(try store.ratings(user: 1).isEmpty && store.history(user: 1, limit: 10).isEmpty)
            #expect(try store.user(id: 1) == nil)
            #expect(try store.users() == [UserProfile(id: 2, age: 40)])
            #expect(try store.snapshot().ratings == [rating(2, 10, 2, 50)])
            #expect(try store.ratingCountsByMovie() == [10: 1])
            let forgotten = try store.fingerprint()
            // The newest time left is user 2's: the log keeps no time of user 1's.
            #expect(forgotten == StoreFingerprint(count: 1, maxTimestamp: 50, sequence: trained.sequence + 1))
            #expect(try store.changes(since: trained) == 3)
            #expect(try store.forgottenUsers(since: trained.sequence) == [1], "a model of the earlier snapshot holds user 1")
            #expect(try store.forgottenUsers(since: forgotten.sequence).isEmpty)

            #expect(try store.forgetUser(1) == .alreadyForgotten)
            #expect(try store.forgetUser(77) == .unknown)
            #expect(try store.fingerprint() == forgotten)
            #expect(try store.forgottenUsers(since: 0) == [1], "an unknown user is not recorded")

            // A profile without ratings: forgotten, nothing logged, recorded at the current sequence.
            try store.upsert(users: [UserProfile(id: 3, occupation: "none")])
            #expect(try store.forgetUser(3) == .forgotten(ratings: 0))
            #expect(try store.fingerprint() == forgotten)
            #expect(try store.forgottenUsers(since: trained.sequence) == [1, 3])
            #expect(try store.forgottenUsers(since: forgotten.sequence).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aForgottenUserWhoRatesAgainIsStoredAndForgottenAgainAtTheNewSequence(kind: StoreKind) throws {
        try StoreFixture.with(kind) { (fixture) throws in
            let store = fixture.store
            try store.add([rating(1, 10, 4, 100), rating(2, 10, 3, 100)])
            #expect(try store.forgetUser(1) == .forgotten(ratings: 1))
            let forgotten = try store.fingerprint().sequence
            #expect(try store.add([rating(1, 11, 5, 400)]) == WriteSummary(inserted: 1))
            let rated = try store.fingerprint().sequence
            #expect(try store.ratings(user: 1) == [rating(1, 11, 5, 400)])
            #expect(try store.forgottenUsers(since: forgotten - 1) == [1])
            #expect(try store.forgottenUsers(since: forgotten).isEmpty, "a model trained since has only the new ratings")

            #expect(try store.forgetUser(1) == .forgotten(ratings: 1))
            #expect(try store.forgottenUsers(since: rated) == [1])
            #expect(try store.fingerprint() == StoreFingerprint(count: 1, maxTimestamp: 100, sequence: rated + 1))
        }
    }
}
