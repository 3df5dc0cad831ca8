import Foundation
import Models

/// Why a model file cannot be served.
public enum ServingModelError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case noMatrixFactorization(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): \(reason)"
        case let .noMatrixFactorization(path): return "\(path): the file holds no MF model, which serving needs"
        }
    }
}

extension ServingModel {
    /// Reads, validates and prepares a model file for serving. Every check happens here,
    /// before the model can be swapped in, so a corrupt file never reaches a request.
    /// - Parameter movieRatingCounts: ratings per raw movie id, for the popular list.
    public static func load(path: String, movieRatingCounts: [Int64: Int], minimumRatingsForPopular: Int) throws -> ServingModel {
        let file: ModelFile
        do {
            file = try ModelFile(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ServingModelError.unreadable(path: path, reason: String(describing: error))
        }
        return try prepare(file, path: path, movieRatingCounts: movieRatingCounts,
                           minimumRatingsForPopular: minimumRatingsForPopular)
    }

    /// Prepares a model file already read and validated (its `path` names the version).
    public static func prepare(_ file: ModelFile, path: String, movieRatingCounts: [Int64: Int],
                               minimumRatingsForPopular: Int) throws -> ServingModel {
        guard file.models.contains(MatrixFactorizationTensors.kind) else {
            throw ServingModelError.noMatrixFactorization(path: path)
        }
        let mf = try file.matrixFactorization()
        let transformer = try file.transformerValidation().map { trained in
            ServingTransformer(model: try file.transformer(), bestEpoch: trained.bestEpoch, validation: trained.validation)
        }
        let training = try file.training
        let info = ModelInfo(
            version: "\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)@\(file.createdAt)",
            kinds: file.models, created: file.createdAt,
            trainedOnRatings: training.ratings, trainedOnMaxTimestamp: training.maxTimestamp)
        let counts = mf.movies.ids.map { movieRatingCounts[$0] ?? 0 }
        return ServingModel(info: info, mf: mf, movieRatingCounts: counts, minimumRatingsForPopular: minimumRatingsForPopular,
                            transformer: transformer)
    }
}
