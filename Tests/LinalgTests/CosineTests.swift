import Testing
@testable import Linalg

@Test func cosineOfRowsMatchesTheDefinition() {
    let matrix = Matrix(rows: 3, columns: 2, storage: [3, 4, -4, 3, 0, 0])
    let unit = Cosine.normalizedRows(matrix)
    let scores = Cosine.similarities(unitRows: unit, query: 0)
    #expect(abs(scores[0] - 1) < 1e-6)
    #expect(abs(scores[1]) < 1e-6)
    #expect(scores[2] == 0)
}

@Test func topKReturnsAllWhenKExceedsTheCountAndSkipsNaN() {
    let scores: [Float] = [0.5, .nan, 2, -1]
    let picked = scores.withUnsafeBufferPointer { TopK.select($0, k: 10) }
    #expect(picked.map(\.index) == [2, 0, 3])
}

@Test func seededGeneratorRepeatsItsSequence() {
    var first = SeededGenerator(seed: 99)
    var second = SeededGenerator(seed: 99)
    var a = Array(0..<50), b = Array(0..<50)
    first.shuffle(&a)
    second.shuffle(&b)
    #expect(a == b)
    #expect(a != Array(0..<50))
    #expect(first.nextGaussian() == second.nextGaussian())
}
