/// A dense row-major Float matrix: the storage every model in movierec keeps its
/// embeddings and weights in, so that rows can go straight to CBLAS.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var storage: [Float]

    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        storage = [Float](repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns, "storage holds \(storage.count) values, not \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        Array(storage[(index * columns)..<((index + 1) * columns)])
    }

    /// Calls `body` with a pointer to the first element of `row`, valid for `columns` floats.
    public func withRow<R>(_ row: Int, _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { buffer in
            try body(buffer.baseAddress! + row * columns)
        }
    }
}
