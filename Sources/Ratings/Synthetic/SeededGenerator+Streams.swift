import Linalg

extension SeededGenerator {
    /// One of a seed's independent streams: the generator's state is derived from
    /// (seed, stream), so each synthetic user (stream = user index + 1) draws the same numbers
    /// whichever order users are generated in, and nothing about one user has to be kept
    /// while others are written. The derivation is fixed so that a seed names one data set forever.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ 0x5851_F42D_4C95_7F2D)
        self.init(seed: mixer.next() &+ stream &* 0xD134_2543_DE82_EF95)
        _ = next()
    }
}
