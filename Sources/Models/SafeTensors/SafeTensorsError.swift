/// Everything that can be wrong with a safetensors file or with a request made of one.
/// Each case names the tensor or the number at fault so that a bad file is diagnosed
/// from the message alone.
public enum SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read or written; `reason` carries the system's message.
    case io(path: String, reason: String)
    /// Fewer than the 8 bytes that hold the header length.
    case truncated(length: Int)
    /// The declared header length exceeds the reader's bound.
    case headerTooLarge(length: UInt64, limit: Int)
    /// The declared header reaches past the end of the file.
    case headerPastEndOfFile(headerLength: UInt64, fileLength: Int)
    /// The header is not UTF-8 JSON of the expected shape.
    case invalidHeader(String)
    /// `__metadata__` is not a map of string to string.
    case invalidMetadata(String)
    case unknownDType(tensor: String, dtype: String)
    /// A negative dimension or an element count that overflows.
    case invalidShape(tensor: String, shape: [Int])
    /// `data_offsets` is not `[begin, end]` with 0 ≤ begin ≤ end.
    case invalidOffsets(tensor: String, offsets: [Int])
    /// `end − begin` differs from `product(shape) × element size`.
    case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    /// Two tensors share bytes.
    case overlap(first: String, second: String)
    /// Bytes no tensor claims, starting at `offset` of the data section.
    case gap(offset: Int)
    /// The data section is not exactly as long as the tensors need: trailing garbage or a cut-off file.
    case dataLengthMismatch(expected: Int, actual: Int)
    case missingTensor(String)
    case duplicateTensor(String)
    /// A typed accessor asked for a dtype the tensor does not have.
    case wrongDType(tensor: String, expected: SafeTensorsDType, actual: SafeTensorsDType)
    /// Values handed to the builder do not fill the shape given.
    case valueCountMismatch(tensor: String, shape: [Int], count: Int)
    case invalidName(String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "cannot access \(path): \(reason)"
        case let .truncated(length): return "file of \(length) bytes is too short for a safetensors header length"
        case let .headerTooLarge(length, limit): return "header length \(length) exceeds the limit of \(limit) bytes"
        case let .headerPastEndOfFile(headerLength, fileLength):
            return "header length \(headerLength) reaches past the end of a \(fileLength)-byte file"
        case let .invalidHeader(reason): return "invalid header: \(reason)"
        case let .invalidMetadata(reason): return "invalid __metadata__: \(reason)"
        case let .unknownDType(tensor, dtype): return "tensor \(tensor): unknown dtype \(dtype)"
        case let .invalidShape(tensor, shape): return "tensor \(tensor): invalid shape \(shape)"
        case let .invalidOffsets(tensor, offsets): return "tensor \(tensor): invalid data_offsets \(offsets)"
        case let .sizeMismatch(tensor, expected, actual):
            return "tensor \(tensor): shape needs \(expected) bytes but data_offsets span \(actual)"
        case let .overlap(first, second): return "tensors \(first) and \(second) overlap"
        case let .gap(offset): return "no tensor covers data byte \(offset)"
        case let .dataLengthMismatch(expected, actual):
            return "data section holds \(actual) bytes, tensors need exactly \(expected)"
        case let .missingTensor(name): return "no tensor named \(name)"
        case let .duplicateTensor(name): return "tensor \(name) given twice"
        case let .wrongDType(tensor, expected, actual):
            return "tensor \(tensor) has dtype \(actual.rawValue), not \(expected.rawValue)"
        case let .valueCountMismatch(tensor, shape, count):
            return "tensor \(tensor): \(count) values do not fill shape \(shape)"
        case let .invalidName(name): return "invalid tensor name \"\(name)\""
        }
    }
}
