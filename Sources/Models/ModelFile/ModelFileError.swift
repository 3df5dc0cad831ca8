/// Why a file is not a usable movierec model.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The container itself is broken.
    case safeTensors(SafeTensorsError)
    /// A valid safetensors file, but not written by movierec (no `format: movierec` metadata).
    case notAMovierecModel
    case unsupportedVersion(String)
    case missingMetadata(String)
    case invalidMetadata(key: String, value: String)
    /// The file does not hold this model kind.
    case missingModel(String)
    case missingTensor(String)
    case wrongDType(tensor: String, expected: SafeTensorsDType, actual: SafeTensorsDType)
    /// A tensor's shape disagrees with the others (users, movies, factors).
    case inconsistentShape(tensor: String, expected: [Int], actual: [Int])
    case duplicateID(tensor: String, id: Int64)
    case nonFinite(tensor: String)
    /// EASE's weights let a movie recommend itself.
    case nonZeroDiagonal(tensor: String)
    /// The transformer's tensors or metadata do not make a model.
    case invalidTransformer(TransformerError)

    public var description: String {
        switch self {
        case let .safeTensors(error): return "not a valid safetensors file: \(error)"
        case .notAMovierecModel: return "a safetensors file without movierec metadata (__metadata__.format != \"movierec\")"
        case let .unsupportedVersion(version): return "model file format version \(version) is not supported (expected \(ModelFile.formatVersion))"
        case let .missingMetadata(key): return "metadata key \(key) is missing"
        case let .invalidMetadata(key, value): return "metadata \(key) has invalid value \"\(value)\""
        case let .missingModel(kind): return "the file holds no \(kind) model"
        case let .invalidTransformer(error): return error.description
        case let .missingTensor(name): return "tensor \(name) is missing"
        case let .wrongDType(tensor, expected, actual):
            return "tensor \(tensor) has dtype \(actual.rawValue), expected \(expected.rawValue)"
        case let .inconsistentShape(tensor, expected, actual):
            return "tensor \(tensor) has shape \(actual), expected \(expected)"
        case let .duplicateID(tensor, id): return "tensor \(tensor) lists id \(id) twice"
        case let .nonFinite(tensor): return "tensor \(tensor) holds NaN or infinite values"
        case let .nonZeroDiagonal(tensor): return "tensor \(tensor) has a non-zero diagonal"
        }
    }
}
