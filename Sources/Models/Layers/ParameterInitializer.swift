import Foundation
import Linalg

/// PyTorch's default initialisation of each tensor of a parameter table, in table order
/// from one seeded generator: embeddings N(0, 1) with the padding row of `paddedTables`
/// zeroed, Linear U(±1/√fan_in) for weight and bias, attention in-projection Xavier-uniform
/// with zero biases, norms at weight 1 and bias 0, running mean 0 and variance 1.
enum ParameterInitializer {
    /// - Parameters:
    ///   - paddedTables: embedding tables whose row 0 is PAD (`nn.Embedding(padding_idx: 0)`).
    ///   - isNormalization: true for a norm's weight or bias whose name does not say so
    ///     (the BST head's BatchNorm1d, named by its `nn.Sequential` index).
    static func initialize<T: BLASScalar>(
        _ p: UnsafeMutablePointer<T>, _ table: ParameterTable, seed: UInt64, paddedTables: Set<String>,
        isNormalization: (ParameterTable.Entry) -> Bool = { _ in false }
    ) {
        var rng = SeededGenerator(seed: seed)
        func uniform(_ offset: Int, _ count: Int, bound: Double) {
            for i in 0..<count { p[offset + i] = T((rng.nextUniform() * 2 - 1) * bound) }
        }
        func constant(_ offset: Int, _ count: Int, _ value: T) {
            (p + offset).update(repeating: value, count: count)
        }
        for entry in table.entries {
            let name = entry.name
            let fanIn = entry.shape.count == 2 ? entry.shape[1] : 0
            if name.hasSuffix("_embeddings.weight") {
                var i = 0
                while i < entry.count {
                    // Box–Muller, two normals per draw.
                    let u1 = max(rng.nextUniform(), .leastNonzeroMagnitude)
                    let u2 = rng.nextUniform()
                    let r = (-2 * log(u1)).squareRoot()
                    p[entry.offset + i] = T(r * cos(2 * .pi * u2))
                    if i + 1 < entry.count { p[entry.offset + i + 1] = T(r * sin(2 * .pi * u2)) }
                    i += 2
                }
                if paddedTables.contains(name) { constant(entry.offset, entry.shape[1], 0) }
            } else if name.hasSuffix("in_proj_weight") {
                let bound = (6.0 / Double(entry.shape[0] / 3 + entry.shape[1])).squareRoot()
                uniform(entry.offset, entry.count, bound: bound)
            } else if name.hasSuffix("in_proj_bias") || name.hasSuffix("out_proj.bias") {
                constant(entry.offset, entry.count, 0)
            } else if name.hasSuffix("running_mean") {
                constant(entry.offset, entry.count, 0)
            } else if name.hasSuffix("running_var") {
                constant(entry.offset, entry.count, 1)
            } else if name.contains("norm") || isNormalization(entry) {
                constant(entry.offset, entry.count, name.hasSuffix("weight") ? 1 : 0)
            } else if name.hasSuffix("weight") {
                uniform(entry.offset, entry.count, bound: 1 / Double(fanIn).squareRoot())
            } else {
                // A Linear bias: its fan-in is the width of the weight stored just before it.
                let weight = table.entries.first { $0.offset + $0.count == entry.offset }
                let inputs = weight?.shape.last ?? 1
                uniform(entry.offset, entry.count, bound: 1 / Double(inputs).squareRoot())
            }
        }
    }
}
