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
