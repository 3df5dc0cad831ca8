import Foundation

/// The blend's part of a model file: `blend.weights` (JSON of `ScoreBlend`: which stored
/// models, with which weights) and its validation scores, listed as model kind `blend`.
extension ModelFile {
    private static let blendKey = "blend.weights"

    /// Stores (or replaces) the blend of models already in the file.
    public mutating func setBlend(_ blend: ScoreBlend, validation: RankingValidationScores?) throws {
        try blend.validate()
        container.metadata[Self.blendKey] = try Self.json(blend)
        setRankingValidation(validation, of: ScoreBlend.kind)
        addModel(ScoreBlend.kind)
    }

    /// The stored blend, its models checked to be in the file.
    public func blend() throws -> ScoreBlend {
        guard models.contains(ScoreBlend.kind) else { throw ModelFileError.missingModel(ScoreBlend.kind) }
        let blend = try decoded(ScoreBlend.self, key: Self.blendKey) { try $0.validate() }
        for model in blend.models where !models.contains(model) { throw ModelFileError.missingModel(model) }
        return blend
    }
}
