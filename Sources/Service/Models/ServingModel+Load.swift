import Foundation
import Models
import Recommender

/// Why a model file cannot be served.
public enum ServingModelError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): \(reason)"
        }
    }
}

extension ServingModel {
    /// Reads, validates and prepares a model file for serving. Every check happens here,
    /// before the model can be swapped in, so a corrupt file never reaches a request.
    /// - Parameter movieRatingCounts: ratings per raw movie id, for the cold-start list.
    public static func load(path: String, movieRatingCounts: [Int64: Int]) throws -> ServingModel {
        let file: ModelFile
        do {
            file = try ModelFile(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ServingModelError.unreadable(path: path, reason: String(describing: error))
        }
        return try prepare(file, path: path, movieRatingCounts: movieRatingCounts)
    }

    /// Prepares a model file already read and validated (its `path` names the version).
    public static func prepare(_ file: ModelFile, path: String, movieRatingCounts: [Int64: Int]) throws -> ServingModel {
        let models: RecommenderModels
        do {
            models = try RecommenderModels(file: file, movieRatingCounts: movieRatingCounts)
        } catch {
            throw ServingModelError.unreadable(path: path, reason: String(describing: error))
        }
        let training = try file.training
        let info = ModelInfo(
            version: "\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)@\(file.createdAt)",
            kinds: file.models, created: file.createdAt,
            trainedOnRatings: training.ratings, trainedOnMaxTimestamp: training.maxTimestamp)
        return ServingModel(info: info, models: models)
    }
}
