import Linalg

/// row[j] ← exp(row[j] − maximum) for j < count; returns their sum. −∞ entries become 0.
/// In Float eight lanes at a time through `fastExp`: the catalogue-wide softmax of the
/// next-movie loss takes a quarter of a billion exponentials per epoch on MovieLens 100k,
/// and libm's `expf` one call at a time cost as much as the products around it.
@inline(__always)
func softmaxInPlace<T: BLASScalar>(_ row: UnsafeMutablePointer<T>, _ count: Int, maximum: T) -> T {
    if T.self == Float.self {
        let values = UnsafeMutableRawPointer(row).assumingMemoryBound(to: Float.self)
        let top = unsafeBitCast(maximum, to: Float.self)
        var lanes = SIMD8<Float>()
        var j = 0
        while j + 8 <= count {
            let raw = UnsafeMutableRawPointer(values + j)
            let e = fastExp(raw.loadUnaligned(as: SIMD8<Float>.self) - SIMD8(repeating: top))
            raw.storeBytes(of: e, as: SIMD8<Float>.self)
            lanes += e
            j += 8
        }
        let half = lanes.lowHalf + lanes.highHalf
        let quarter = half.lowHalf + half.highHalf
        var sum = quarter[0] + quarter[1]
        while j < count {
            let e = fastExp(SIMD8(repeating: values[j] - top))[0]
            values[j] = e
            sum += e
            j += 1
        }
        return unsafeBitCast(sum, to: T.self)
    }
    var sum: T = 0
    for j in 0..<count {
        let e = T.exp(row[j] - maximum)
        row[j] = e
        sum += e
    }
    return sum
}

/// The largest of row[0..<count] (−∞ for an empty row), eight lanes at a time in Float.
@inline(__always)
func rowMaximum<T: BLASScalar>(_ row: UnsafePointer<T>, _ count: Int) -> T {
    var maximum = -T.infinity
    var j = 0
    if T.self == Float.self {
        let values = UnsafeRawPointer(row).assumingMemoryBound(to: Float.self)
        var lanes = SIMD8<Float>(repeating: -.infinity)
        while j + 8 <= count {
            let next = UnsafeRawPointer(values + j).loadUnaligned(as: SIMD8<Float>.self)
            lanes.replace(with: next, where: next .> lanes)
            j += 8
        }
        maximum = unsafeBitCast(lanes.max(), to: T.self)
    }
    while j < count {
        maximum = max(maximum, row[j])
        j += 1
    }
    return maximum
}

/// eˣ for x ≤ 0 in eight Float lanes, branch-free: x = n·ln 2 + r with |r| ≤ ln 2 / 2, eʳ by
/// the degree-6 polynomial of Cephes' `expf`, times 2ⁿ written into the exponent bits (n is
/// read from the low bits of n + 1.5·2²³, which rounds it to the nearest integer on the way).
/// Relative error about 2e-7. Below −64 (and at −∞) it returns 0: a softmax entry under
/// e⁻⁶⁴ ≈ 1.6e-28 of the largest is nothing, while keeping it and dividing by the row's sum
/// makes subnormal floats, which the products that read them slow down on — as training
/// sharpened the scores, a next-movie epoch went from 1.9 s to 3 s.
@inline(__always)
func fastExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let floor = SIMD8<Float>(repeating: -64)
    let clamped = x.replacing(with: floor, where: x .< floor)
    let shifted = clamped * 1.442_695_04 + 12_582_912
    let n = shifted - 12_582_912
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * r * r + r + 1
    let integer = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD8<Float>.self)
    return (p * scale).replacing(with: 0, where: x .< floor)
}
