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
/// and out = inp·mask. out may alias inp.
func dropoutForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ mask: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int,
    p: Double, rng: inout DropoutRNG
) {
    let keep = T(1 / (1 - p))
    for i in 0..<count {
        let m: T = rng.nextUnit() < p ? 0 : keep
        mask[i] = m
        out[i] = inp[i] * m
    }
}

/// dinp += dout·mask.
func dropoutBackward<T: BLASScalar>(
    _ dinp: UnsafeMutablePointer<T>, _ dout: UnsafePointer<T>, _ mask: UnsafePointer<T>, _ count: Int
) {
    for i in 0..<count { dinp[i] += dout[i] * mask[i] }
}
