import Testing
@testable import Linalg

@Test func topKAgreesWithAFullSort() {
    var generator = SystemRandomNumberGenerator()
    let scores = (0..<1000).map { _ in Float.random(in: -1...1, using: &generator) }
    let picked = scores.withUnsafeBufferPointer { TopK.select($0, k: 7, excluded: { $0 % 3 == 0 }) }
    let reference = scores.enumerated().filter { $0.offset % 3 != 0 }
        .sorted { $0.element > $1.element }.prefix(7).map(\.offset)
    #expect(picked.map(\.index) == Array(reference))
}

@Test func topKKeepsLowerIndicesOnTiesAndSkipsNonFiniteScores() {
    let scores: [Float] = [1, .nan, 3, 3, .infinity, 2, 3, -.infinity, 0.5]
    let picked = scores.withUnsafeBufferPointer { TopK.select($0, k: 3) }
    #expect(picked.map(\.index) == [2, 3, 6])
    let withExclusion = scores.withUnsafeBufferPointer { TopK.select($0, k: 3, excluded: { $0 == 3 }) }
    #expect(withExclusion.map(\.index) == [2, 6, 5])
    let all = scores.withUnsafeBufferPointer { TopK.select($0, k: 20) }
    #expect(all.map(\.index) == [2, 3, 6, 5, 0, 8])
}
