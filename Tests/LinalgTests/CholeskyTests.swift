import Testing
@testable import Linalg

@Test func choleskySolvesASymmetricPositiveDefiniteSystem() throws {
    var generator = SeededGenerator(seed: 11)
    let n = 12
    let m = (0..<(n * n)).map { _ in Float(generator.nextGaussian()) }
    // A = MᵀM + I is symmetric positive definite.
    var a = [Float](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n {
            var sum: Float = i == j ? 1 : 0
            for l in 0..<n { sum += m[l * n + i] * m[l * n + j] }
            a[i * n + j] = sum
        }
    }
    let expected = (0..<n).map { _ in Float(generator.nextGaussian()) }
    let b = (0..<n).map { i in (0..<n).reduce(Float(0)) { $0 + a[i * n + $1] * expected[$1] } }
    let x = try Cholesky.solve(a, n: n, b: b)
    let worst = zip(x, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-3, "max error \(worst)")
}

@Test func choleskyRejectsAnIndefiniteMatrix() {
    #expect(throws: Cholesky.Failure.notPositiveDefinite(pivot: 1)) {
        try Cholesky.solve([1, 2, 2, 1], n: 2, b: [1, 1])
    }
}

@Test func gramLowerMatchesTheProductOfTheTransposeWithItself() {
    let a: [Float] = [1, 2, 3, 4, 5, 6]  // 3×2
    var c = [Float](repeating: -7, count: 4)
    BLAS.gramLower(n: 2, rows: 3, a: a, lda: 2, c: &c, ldc: 2)
    let expectedDiagonal: [Float] = [35, 56]  // 1+9+25, 4+16+36
    let expectedOffDiagonal: Float = 44       // 1·2 + 3·4 + 5·6
    #expect(c[0] == expectedDiagonal[0])
    #expect(c[2] == expectedOffDiagonal)
    #expect(c[3] == expectedDiagonal[1])
}

/// The blocked factorisation against the dot-product loop it replaces for large matrices,
/// at a size that is not a multiple of the block (so the last block is partial).
@Test func blockedCholeskyMatchesTheUnblockedOne() throws {
    var generator = SeededGenerator(seed: 4)
    let n = 300, rank = 40
    let m = (0..<(n * rank)).map { _ in Float(generator.nextGaussian()) }
    var a = [Float](repeating: 0, count: n * n)
    m.withUnsafeBufferPointer { mp in
        a.withUnsafeMutableBufferPointer { ap in
            BLAS.outerLower(n: n, columns: rank, a: mp.baseAddress!, lda: rank, c: ap.baseAddress!, ldc: n)
        }
    }
    for i in 0..<n { a[i * n + i] += 5 }
    var plain = a, blocked = a
    try plain.withUnsafeMutableBufferPointer { try Cholesky.factor($0.baseAddress!, n: n) }
    try blocked.withUnsafeMutableBufferPointer { try Cholesky.factorBlocked($0.baseAddress!, n: n, blockSize: 64) }
    var worst: Float = 0
    for i in 0..<n {
        for j in 0...i { worst = max(worst, abs(plain[i * n + j] - blocked[i * n + j]) / max(1, abs(plain[i * n + j]))) }
    }
    #expect(worst < 1e-4, "largest relative difference \(worst)")
    var singular = [Float](repeating: 0, count: 200 * 200)
    for i in 0..<200 { singular[i * 200 + i] = i == 150 ? -1 : 1 }
    #expect(throws: Cholesky.Failure.notPositiveDefinite(pivot: 150)) {
        try singular.withUnsafeMutableBufferPointer { try Cholesky.factorBlocked($0.baseAddress!, n: 200, blockSize: 64) }
    }
}
