import Testing
@testable import Linalg

/// The naive triple loop every fast product is checked against.
private func naiveProduct(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum: Double = 0
            for l in 0..<k { sum += Double(a[i * k + l]) * Double(b[l * n + j]) }
            c[i * n + j] = Float(sum)
        }
    }
    return c
}

private func transposed(_ a: [Float], rows: Int, columns: Int) -> [Float] {
    var t = [Float](repeating: 0, count: a.count)
    for r in 0..<rows { for c in 0..<columns { t[c * rows + r] = a[r * columns + c] } }
    return t
}

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func gemmMatchesTheNaiveProduct(transposeA: Bool, transposeB: Bool) {
    var generator = SeededGenerator(seed: 7)
    let m = 13, n = 9, k = 21
    let a = (0..<(m * k)).map { _ in Float(generator.nextGaussian()) }
    let b = (0..<(k * n)).map { _ in Float(generator.nextGaussian()) }
    let storedA = transposeA ? transposed(a, rows: m, columns: k) : a
    let storedB = transposeB ? transposed(b, rows: k, columns: n) : b
    var c = [Float](repeating: 0, count: m * n)
    BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
              a: storedA, lda: transposeA ? m : k, b: storedB, ldb: transposeB ? k : n, c: &c, ldc: n)
    let reference = naiveProduct(a, b, m: m, n: n, k: k)
    let worst = zip(c, reference).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-4, "max |gemm − naive| = \(worst)")
}

@Test func gemvMatchesTheNaiveProduct() {
    var generator = SeededGenerator(seed: 3)
    let rows = 17, columns = 11
    let a = (0..<(rows * columns)).map { _ in Float(generator.nextGaussian()) }
    let x = (0..<columns).map { _ in Float(generator.nextGaussian()) }
    var y = [Float](repeating: 1, count: rows)
    BLAS.gemv(rows: rows, columns: columns, a: a, lda: columns, x: x, beta: 1, y: &y)
    let reference = naiveProduct(a, x, m: rows, n: 1, k: columns).map { $0 + 1 }
    #expect(zip(y, reference).allSatisfy { abs($0 - $1) < 1e-4 })
}

@Test(arguments: [(rows: 1, threshold: 1), (rows: 2, threshold: 1), (rows: 1001, threshold: 64), (rows: 1001, threshold: 1 << 20)])
func gemvAcrossCoresMatchesOneGemv(rows: Int, threshold: Int) {
    var generator = SeededGenerator(seed: 5)
    let columns = 13
    let a = (0..<(rows * columns)).map { _ in Float(generator.nextGaussian()) }
    let x = (0..<columns).map { _ in Float(generator.nextGaussian()) }
    let start = (0..<rows).map { _ in Float(generator.nextGaussian()) }
    var whole = start
    BLAS.gemv(rows: rows, columns: columns, a: a, lda: columns, x: x, beta: 0.5, y: &whole)
    var split = start
    a.withUnsafeBufferPointer { a in
        x.withUnsafeBufferPointer { x in
            split.withUnsafeMutableBufferPointer { y in
                guard let a = a.baseAddress, let x = x.baseAddress, let y = y.baseAddress else { return }
                BLAS.gemvAcrossCores(rows: rows, columns: columns, a: a, lda: columns, x: x, beta: 0.5, y: y,
                                     minimumElements: threshold)
            }
        }
    }
    // Every row is the same dot product in either case: the blocks change nothing but who computes it.
    let worst = zip(split, whole).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-5, "max |split − whole| = \(worst)")
}
