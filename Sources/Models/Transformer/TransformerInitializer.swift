import Linalg

/// The BST's initialisation: PyTorch's defaults for each of its tensors, with the movie and
/// rating tables' PAD rows zeroed and the head's BatchNorm1d at weight 1 and bias 0.
enum TransformerInitializer {
    static func initialize<T: BLASScalar>(_ p: UnsafeMutablePointer<T>, _ layout: TransformerLayout, seed: UInt64) {
        ParameterInitializer.initialize(
            p, layout.table, seed: seed, paddedTables: ["movies_embeddings.weight", "ratings_embeddings.weight"]
        ) { entry in
            layout.hidden.contains { $0.bnWeight == entry.offset || $0.bnBias == entry.offset }
        }
    }
}
