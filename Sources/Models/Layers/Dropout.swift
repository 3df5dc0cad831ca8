import Linalg

/// Inverted dropout: draws mask (count) with each entry 0 (probability p) or 1/(1−p),
/// and out = inp·mask. out may alias inp. Each 64-bit draw yields two 32-bit uniforms;
/// large tensors are split across cores, each part with its own generator seeded from `rng`,
/// so masks depend only on the seed.
func dropoutForward<T: BLASScalar>(
    _ out: UnsafeMutablePointer<T>, _ mask: UnsafeMutablePointer<T>, _ inp: UnsafePointer<T>, _ count: Int,
    p: Double, rng: inout SeededGenerator
) {
    let keep = T(1 / (1 - p))
    let threshold = UInt64(p * 4_294_967_296)
    let seeds = (rng.next(), rng.next())
    parallelRanges(count, minimumPerThread: 1 << 18) { range in
        var local = SeededGenerator(seed: range.lowerBound == 0 ? seeds.0 : seeds.1 &+ UInt64(range.lowerBound))
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

/// Draws an inverted-dropout mask (count) alone: each entry 0 with probability p, else
/// 1/(1−p), two entries per 64-bit draw — the attention-weight masks, which are applied
/// inside the attention products rather than to a tensor of their own.
func dropoutMask<T: BLASScalar>(_ mask: UnsafeMutablePointer<T>, _ count: Int, p: Double, rng: inout SeededGenerator) {
    let keep = T(1 / (1 - p))
    let threshold = UInt64(p * 4_294_967_296)
    var i = 0
    while i < count {
        let bits = rng.next()
        mask[i] = (bits & 0xFFFF_FFFF) < threshold ? 0 : keep
        if i + 1 < count { mask[i + 1] = (bits >> 32) < threshold ? 0 : keep }
        i += 2
    }
}
