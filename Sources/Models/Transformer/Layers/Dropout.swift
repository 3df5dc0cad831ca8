import Linalg

/// A small seeded generator (SplitMix64) for dropout masks, so that a training run is
/// reproducible from its seed.
public struct DropoutRNG: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

/// Inverted dropout: draws mask (count) with each entry 0 (probability p) or 1/(1−p),
/// and out = inp·mask. out may alias inp. Each 64-bit draw yields two 32-bit uniforms;
/// large tensors are split across cores, each part with its own generator seeded from `rng`,
/// so masks depend only on the seed.
func dropoutForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ mask: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int,
    p: Double, rng: inout DropoutRNG
) {
    let keep = T(1 / (1 - p))
    let threshold = UInt64(p * 4_294_967_296)
    let seeds = (rng.next(), rng.next())
    parallelRanges(count, minimumPerThread: 1 << 18) { range in
        var local = DropoutRNG(seed: range.lowerBound == 0 ? seeds.0 : seeds.1 &+ UInt64(range.lowerBound))
        var i = range.lowerBound
        while i < range.upperBound {
            let bits = local.next()
            let first: T = (bits & 0xFFFF_FFFF) < threshold ? 0 : keep
            mask[i] = first
            out[i] = inp[i] * first
            if i + 1 < range.upperBound {
                let second: T = (bits >> 32) < threshold ? 0 : keep
                mask[i + 1] = second
                out[i + 1] = inp[i + 1] * second
            }
            i += 2
        }
    }
}

/// dinp += dout·mask.
func dropoutBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ mask: UnsafePointer<T>, _ count: Int
) {
    parallelRanges(count) { range in
        for i in range { dinp[i] += dout[i] * mask[i] }
    }
}
