import Foundation

/// An in-memory safetensors container: named tensors (dtype, shape, raw little-endian
/// bytes) plus the string-to-string `__metadata__` map.
///
/// The same value is what the reader returns and what a writer fills in, so a model can
/// add its own tensors and metadata keys next to another model's without either knowing
/// the other. Typed accessors check the dtype and copy the bytes out.
public struct SafeTensors: Sendable, Equatable {
    /// One tensor: its bytes are exactly `product(shape) × dtype.size` long.
    public struct Tensor: Sendable, Equatable {
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        public let bytes: Data

        public var elementCount: Int { shape.reduce(1, *) }
    }

    public var metadata: [String: String]
    public private(set) var tensors: [String: Tensor]

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
        tensors = [:]
    }

    init(metadata: [String: String], tensors: [String: Tensor]) {
        self.metadata = metadata
        self.tensors = tensors
    }

    /// Tensor names in sorted order.
    public var names: [String] { tensors.keys.sorted() }

    public func tensor(_ name: String) throws -> Tensor {
        guard let tensor = tensors[name] else { throw SafeTensorsError.missingTensor(name) }
        return tensor
    }

    public func shape(_ name: String) throws -> [Int] { try tensor(name).shape }

    public func floats(_ name: String) throws -> [Float] { try values(name, dtype: .f32, as: Float.self) }
    public func doubles(_ name: String) throws -> [Double] { try values(name, dtype: .f64, as: Double.self) }
    public func int64s(_ name: String) throws -> [Int64] { try values(name, dtype: .i64, as: Int64.self) }
    public func int32s(_ name: String) throws -> [Int32] { try values(name, dtype: .i32, as: Int32.self) }

    /// Adds or replaces a tensor from raw bytes, checking that they fill the shape.
    public mutating func set(_ name: String, dtype: SafeTensorsDType, shape: [Int], bytes: Data) throws {
        guard !name.isEmpty, name != SafeTensors.metadataKey else { throw SafeTensorsError.invalidName(name) }
        guard let count = SafeTensors.elementCount(shape) else {
            throw SafeTensorsError.invalidShape(tensor: name, shape: shape)
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, needed == bytes.count else {
            throw SafeTensorsError.sizeMismatch(tensor: name, expectedBytes: overflow ? Int.max : needed,
                                                actualBytes: bytes.count)
        }
        tensors[name] = Tensor(dtype: dtype, shape: shape, bytes: bytes)
    }

    public mutating func setFloats(_ name: String, _ values: [Float], shape: [Int]) throws {
        try setValues(name, values, dtype: .f32, shape: shape)
    }

    public mutating func setDoubles(_ name: String, _ values: [Double], shape: [Int]) throws {
        try setValues(name, values, dtype: .f64, shape: shape)
    }

    public mutating func setInt64s(_ name: String, _ values: [Int64], shape: [Int]) throws {
        try setValues(name, values, dtype: .i64, shape: shape)
    }

    public mutating func setInt32s(_ name: String, _ values: [Int32], shape: [Int]) throws {
        try setValues(name, values, dtype: .i32, shape: shape)
    }

    public mutating func removeTensor(_ name: String) {
        tensors[name] = nil
    }

    static let metadataKey = "__metadata__"

    /// Product of the dimensions, nil for a negative dimension or on overflow.
    static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    private mutating func setValues<T>(_ name: String, _ values: [T], dtype: SafeTensorsDType, shape: [Int]) throws {
        guard let count = SafeTensors.elementCount(shape), count == values.count else {
            throw SafeTensorsError.valueCountMismatch(tensor: name, shape: shape, count: values.count)
        }
        let bytes = values.withUnsafeBytes { Data($0) }
        try set(name, dtype: dtype, shape: shape, bytes: bytes)
    }

    private func values<T>(_ name: String, dtype: SafeTensorsDType, as type: T.Type) throws -> [T] {
        let tensor = try tensor(name)
        guard tensor.dtype == dtype else {
            throw SafeTensorsError.wrongDType(tensor: name, expected: dtype, actual: tensor.dtype)
        }
        let count = tensor.bytes.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // copyBytes copes with any alignment of the source bytes.
            _ = tensor.bytes.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}

#if _endian(big)
#error("safetensors stores little-endian values; movierec copies them as they are")
#endif
