import Linalg

/// Cosine similarity between a model's item vectors: the rows scaled to unit length once,
/// at load, so one gemv gives a movie's similarity to every movie.
struct ItemCosine: Sendable {
    let unitRows: Matrix

    init(_ itemVectors: Matrix) {
        unitRows = Cosine.normalizedRows(itemVectors)
    }

    func similarities(to index: Int) -> [Float] {
        Cosine.similarities(unitRows: unitRows, query: index)
    }
}
