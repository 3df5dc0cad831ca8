import Foundation
import Ratings

/// The transformer's part of a model file: its tensors under PyTorch state_dict names (see
/// `TransformerModel+SafeTensors`) and how it was trained, beside MF's in the same file.
extension ModelFile {
    enum TransformerKey {
        static let bestEpoch = "transformer.best_epoch"
        static let validationCount = "transformer.validation.count"
        static let validationMAE = "transformer.validation.mae"
        static let validationMSE = "transformer.validation.mse"
        static let validationRMSE = "transformer.validation.rmse"
    }

    /// Adds a trained transformer with its best epoch and validation scores.
    public mutating func setTransformer(_ model: TransformerModel, bestEpoch: Int, validation: ValidationScores) throws {
        try model.write(into: &container)
        container.metadata[TransformerKey.bestEpoch] = String(bestEpoch)
        container.metadata[TransformerKey.validationCount] = String(validation.count)
        container.metadata[TransformerKey.validationMAE] = String(validation.mae)
        container.metadata[TransformerKey.validationMSE] = String(validation.mse)
        container.metadata[TransformerKey.validationRMSE] = String(validation.rmse)
        addModel(TransformerModel.kind)
    }

    /// The stored transformer, every tensor checked against its configuration.
    public func transformer() throws -> TransformerModel {
        guard models.contains(TransformerModel.kind) else { throw ModelFileError.missingModel(TransformerModel.kind) }
        do {
            return try TransformerModel(from: container)
        } catch let error as TransformerError {
            throw ModelFileError.invalidTransformer(error)
        } catch let error as SafeTensorsError {
            throw ModelFileError.safeTensors(error)
        }
    }

    /// The transformer's best epoch and validation scores; nil when the file holds none.
    public func transformerValidation() throws -> (bestEpoch: Int, validation: ValidationScores)? {
        guard models.contains(TransformerModel.kind) else { return nil }
        let epoch = try number(TransformerKey.bestEpoch)
        let count = try number(TransformerKey.validationCount)
        return (Int(epoch), ValidationScores(count: Int(count), mae: try number(TransformerKey.validationMAE),
                                             mse: try number(TransformerKey.validationMSE),
                                             rmse: try number(TransformerKey.validationRMSE)))
    }
}
