import Testing
@testable import Ratings

@Suite struct EvaluationKFoldTests {
    private func ratings(_ count: Int) -> [Rating] {
        (0..<count).map { Rating(user: Int64($0 % 7), movie: Int64($0), value: 3, timestamp: Int64($0)) }
    }

    @Test func permutationMatchesNumPy() {
        // np.random.RandomState(42).permutation(10)
        var draws = MersenneTwister(seed: 42)
        #expect(draws.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        // np.random.RandomState(7).permutation(100000)[:5]
        var more = MersenneTwister(seed: 7)
        #expect(Array(more.permutation(100_000).prefix(5)) == [33909, 92307, 89107, 9538, 31008])
    }

    @Test func foldIHoldsOutEveryKthPositionOfThePermutation() {
        // Permutation [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]; fold 0 = positions 0, 3, 6, 9.
        let assignment = Split.kFoldAssignment(count: 10, folds: 3, seed: 42)
        #expect([8, 0, 9, 6].allSatisfy { assignment[$0] == 0 })
        #expect([1, 7, 4].allSatisfy { assignment[$0] == 1 })
        #expect([5, 2, 3].allSatisfy { assignment[$0] == 2 })
    }

    @Test func foldsPartitionEveryRowExactlyOnce() {
        let data = ratings(103)
        let folds = Split.kFold(data, folds: 5, seed: 3)
        #expect(folds.count == 5)
        var validated: [Int64: Int] = [:]
        for fold in folds {
            #expect(fold.train.count + fold.validation.count == data.count)
            #expect(Set(fold.train.map(\.movie)).isDisjoint(with: fold.validation.map(\.movie)))
            #expect(fold.validation.count == 20 || fold.validation.count == 21)
            for rating in fold.validation { validated[rating.movie, default: 0] += 1 }
        }
        #expect(validated.count == data.count)
        #expect(validated.values.allSatisfy { $0 == 1 })
    }

    @Test func foldsAreDeterministicAndSeedDependent() {
        let data = ratings(50)
        let first = Split.kFold(data, folds: 4, seed: 9).map(\.validation)
        let second = Split.kFold(data, folds: 4, seed: 9).map(\.validation)
        #expect(first == second)
        #expect(Split.kFold(data, folds: 4, seed: 10).map(\.validation) != first)
    }

    @Test func trainingRowsKeepFileOrder() {
        let data = ratings(30)
        for fold in Split.kFold(data, folds: 3, seed: 1) {
            #expect(fold.train.map(\.movie) == fold.train.map(\.movie).sorted())
        }
    }
}
