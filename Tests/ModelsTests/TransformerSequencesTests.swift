import Testing
import Ratings
@testable import Models

/// Sequence building as the notebook's `create_sequences`, on a chronological leave-last-1-out split.
@Suite struct TransformerSequencesTests {
    static let ratings = [
        Rating(user: 9, movie: 100, value: 4, timestamp: 1),
        Rating(user: 9, movie: 200, value: 2.5, timestamp: 2),
        Rating(user: 9, movie: 300, value: 5, timestamp: 3),
        Rating(user: 9, movie: 400, value: 1, timestamp: 4),
        Rating(user: 5, movie: 200, value: 3, timestamp: 1),
        Rating(user: 5, movie: 100, value: 0.5, timestamp: 2),
    ]

    @Test func everyRatingBecomesATargetWithItsLeftPaddedHistory() throws {
        let vocabulary = try TransformerVocabulary(ratings: Self.ratings)
        let split = Split.leaveLastOut(Self.ratings)
        let (train, validation) = try TransformerSequences.build(split: split, vocabulary: vocabulary, sequenceLength: 3)
        #expect(train.count == 4 && validation.count == 2)
        // movie rows by first appearance: 100→1, 200→2, 300→3, 400→4; users 9→1, 5→2
        let trainBatch = train.batch(0..<train.count)
        // users in ascending raw id: 5 first
        #expect(trainBatch.movies == [0, 0, 2, 0, 0, 1, 0, 1, 2, 1, 2, 3])
        #expect(trainBatch.ratings == [0, 0, 0, 0, 0, 4, 4, 3])
        #expect(trainBatch.users == [2, 1, 1, 1])
        #expect(trainBatch.targets == [3, 4, 2.5, 5])
        let validationBatch = validation.batch(0..<validation.count)
        #expect(validationBatch.movies == [0, 2, 1, 2, 3, 4])
        #expect(validationBatch.ratings == [0, 3, 3, 5])
        #expect(validationBatch.targets == [0.5, 1])
    }

    @Test func validationIsEachUsersLastRatingWithTheSMinusOnePrecedingAsHistory() throws {
        let ratings = (1...6).map { (i: Int) -> Rating in
            let value = Float(i % 5 + 1)
            return Rating(user: 3, movie: Int64(10 * i), value: value, timestamp: Int64(7 - i))
        }
        let prepared = try TransformerDataset(ratings: ratings, profiles: [], base: TransformerConfig(movieCount: 1, userCount: 1)
            .with(sequenceLength: 4))
        // The data lists the newest first; time order is 60, 50, 40, 30, 20, 10 (the last rated,
        // value 2). Rows by first appearance in the data: 10→1 … 60→6.
        #expect(prepared.train.count == 5 && prepared.validation.count == 1)
        let validation = prepared.validation.batch(0..<1)
        #expect(validation.movies == [4, 3, 2, 1])
        #expect(validation.ratings == [5, 4, 3])
        #expect(validation.targets == [2])
    }

    @Test func heldBackRatingsAppearNowhereAndTheSecondNewestBecomesValidation() throws {
        let base = TransformerConfig(movieCount: 1, userCount: 1).with(sequenceLength: 3)
        let prepared = try TransformerDataset(ratings: Self.ratings, profiles: [], base: base, heldBack: 1)
        // user 9 keeps 100, 200, 300 (300 validates); user 5 keeps 200 (its only rating, trained on)
        #expect(prepared.train.count == 3 && prepared.validation.count == 1)
        #expect(prepared.vocabulary.movieRow(400) == nil)
        let validation = prepared.validation.batch(0..<1)
        #expect(validation.targets == [5])
        #expect(validation.ratings == [4, 3])
        let train = prepared.train.batch(0..<prepared.train.count)
        #expect(train.targets == [3, 4, 2.5])
        #expect(!train.targets.contains(1) && !train.targets.contains(0.5))
        #expect(throws: TransformerError.self) {
            try TransformerDataset(ratings: Self.ratings, profiles: [], base: base, heldBack: -1)
        }
    }

    @Test func theNotebooksLastTwoValidateWithTheOlderInTheNewersHistory() throws {
        let base = TransformerConfig(movieCount: 1, userCount: 1).with(sequenceLength: 3)
        let prepared = try TransformerDataset(ratings: Self.ratings, profiles: [], base: base, validationPerUser: 2)
        // user 9: 300 and 400 validate; user 5 has no more than two ratings, so it keeps both
        #expect(prepared.train.count == 4 && prepared.validation.count == 2)
        let validation = prepared.validation.batch(0..<prepared.validation.count)
        #expect(validation.targets == [5, 1])
        // user 9's newest (400) has 200 and 300 before it, the second validation rating included
        #expect(Array(validation.movies.suffix(3)) == [2, 3, 4])
        #expect(Array(validation.ratings.suffix(2)) == [3, 5])
        #expect(throws: TransformerError.self) {
            try TransformerDataset(ratings: Self.ratings, profiles: [], base: base, validationPerUser: 0)
        }
    }

    @Test func halfStarsRoundUpToRatingRows() {
        #expect([0.5, 1, 1.5, 2.5, 3.5, 4.5, 5].map { TransformerVocabulary.ratingRow(Float($0)) } == [1, 1, 2, 3, 4, 5, 5])
    }

    @Test func userFeaturesEncodeGenderAgeGroupAndOccupation() throws {
        let encoder = try UserFeatureEncoder(profiles: [
            UserProfile(id: 1, age: 24, gender: "M", occupation: "writer"),
            UserProfile(id: 2, age: 56, gender: "F", occupation: "artist"),
        ])
        #expect(encoder.occupations == ["artist", "writer"])
        #expect(encoder.encode(UserProfile(id: 1, age: 24, gender: "M", occupation: "writer"))
                == UserFeatureIndices(gender: 1, ageGroup: 1, occupation: 1))
        #expect(encoder.encode(UserProfile(id: 3, age: 1, gender: "F", occupation: "artist"))
                == UserFeatureIndices(gender: 0, ageGroup: 0, occupation: 0))
        #expect(encoder.encode(UserProfile(id: 4)) == UserFeatureIndices(gender: 2, ageGroup: 7, occupation: 21))
        #expect(throws: TransformerError.self) {
            try UserFeatureEncoder(occupations: (0..<22).map(String.init))
        }
    }
}

private extension TransformerConfig {
    func with(sequenceLength: Int) -> TransformerConfig {
        var config = self
        config.sequenceLength = sequenceLength
        config.heads = 1
        config.embeddingSize = 4
        return config
    }
}
