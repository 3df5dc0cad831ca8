/// Why a transformer could not be built, trained, loaded or asked.
public enum TransformerError: Error, Equatable, Sendable {
    case invalidConfig(String)
    /// A tensor the model needs is absent or has the wrong shape.
    case tensorMismatch(name: String, expected: [Int], found: [Int]?)
    case invalidMetadata(String)
    /// An index outside the model's tables (movie, user, feature or rating).
    case indexOutOfRange(String)
    case emptyTrainingSet
}
