import Linalg

/// Vose's alias method: after O(n) set-up, one draw from a fixed discrete distribution
/// costs one uniform index and one comparison, whatever n is. The generator draws every
/// rated movie through it.
struct AliasTable {
    private var threshold: [Double]
    private var alias: [Int32]

    var count: Int { threshold.count }

    /// `weights` must be positive and finite.
    init(weights: [Double]) {
        let n = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        threshold = [Double](repeating: 1, count: n)
        alias = (0..<n).map { Int32($0) }
        var small: [Int] = [], large: [Int] = []
        for index in 0..<n {
            if scaled[index] < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            threshold[less] = scaled[less]
            alias[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        // Whatever is left holds probability 1 up to rounding.
        for index in small + large { threshold[index] = 1 }
    }

    func draw(_ random: inout SeededGenerator) -> Int {
        let column = random.nextIndex(below: threshold.count)
        return random.nextUniform() < threshold[column] ? column : Int(alias[column])
    }
}
