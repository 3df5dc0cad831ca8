import Foundation

/// A counter-based stream of random numbers: SplitMix64 over a state seeded from
/// (seed, stream), so each synthetic user (stream = user index + 1) draws the same numbers
/// whichever order users are generated in, and nothing about one user has to be kept
/// while others are written.
///
/// Ratings sits below Linalg, so it cannot use `SeededGenerator`; the mapping from draws
/// to values here is fixed so that a seed names one data set forever.
struct SyntheticRandom {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64) {
        var mixer = SyntheticRandom(state: seed ^ 0x5851_F42D_4C95_7F2D)
        let base = mixer.next()
        state = base &+ stream &* 0xD134_2543_DE82_EF95
        _ = next()
    }

    private init(state: UInt64) {
        self.state = state
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound (multiply-shift).
    mutating func index(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Standard normal (Box–Muller, one value per call).
    mutating func gaussian() -> Double {
        let u1 = 1 - uniform()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Fisher–Yates with the draws above.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }
}
