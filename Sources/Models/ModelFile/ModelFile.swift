import Foundation

/// The one file a movierec deployment ships: a safetensors container holding every
/// trained model (matrix factorization, the sequence transformer, the ranking models iALS
/// and EASE) with movierec metadata.
///
/// Each model kind owns a set of tensor names and metadata keys prefixed by its kind
/// (`mf.…`, `transformer.…`, `ials.…`, `ease.…`) and registers itself in `models`;
/// PyTorch-style weight names (`user_embedding.weight`) are kept as the reference notebooks'
/// modules name them, so a PyTorch user can load them with `load_state_dict`. Opening a file
/// validates every listed kind, so a corrupt file is a typed error at load, never a crash
/// at a request. File-level keys:
///
/// | key | value |
/// |---|---|
/// | `format` | `movierec` (anything else is rejected as a foreign file) |
/// | `format_version` | `1` |
/// | `models` | comma-separated kinds, e.g. `mf,transformer,ials,ease` |
/// | `created_at` | ISO 8601 UTC |
/// | `training.ratings`, `training.max_timestamp` | fingerprint of the rating snapshot trained on |
/// | `ranking.default`, `ranking.most_rated.*` | see `ModelFile+Ranking` |
///
/// The ranking models' entries (F32 / I64; rows in id order):
///
/// | tensor | shape | |
/// |---|---|---|
/// | `ials.user_factors`, `ials.item_factors` | (users, k), (movies, k) | iALS's x_u and y_i |
/// | `ials.user_ids`, `ials.item_ids` | (users), (movies) | raw ids of the rows |
/// | `ease.weights` | (channels · movies, movies) | EASE's B (one channel by default: movies × movies), zero where a movie would predict itself |
/// | `ease.item_ids` | (movies) | raw ids of its rows and columns |
///
/// with metadata `ials.configuration` and `ease.configuration` (JSON), `ials.best_epoch`,
/// and `ials.validation.*`, `ease.validation.*` (also `mf.validation.users`, `.hit_rate`,
/// `.ndcg`, `.k`, `.holdout` for MF's ranking).
public struct ModelFile: Sendable, Equatable {
    public static let formatVersion = "1"
    public static let formatName = "movierec"

    /// Every tensor and metadata entry; models add theirs through their own extensions.
    public var container: SafeTensors

    /// A new, empty model file for a training snapshot.
    public init(training: TrainingFingerprint, createdAt: Date = Date()) {
        container = SafeTensors(metadata: [
            Key.format: Self.formatName,
            Key.formatVersion: Self.formatVersion,
            Key.models: "",
            Key.createdAt: Self.iso8601(createdAt),
            Key.trainingRatings: String(training.ratings),
            Key.trainingMaxTimestamp: String(training.maxTimestamp),
        ])
    }

    /// Opens and checks a file: a valid safetensors container with movierec metadata of a
    /// supported version, whose every listed model of a kind this build knows validates.
    public init(contentsOf url: URL) throws {
        do {
            try self.init(container: SafeTensors(contentsOf: url))
        } catch let error as SafeTensorsError {
            throw ModelFileError.safeTensors(error)
        }
    }

    public init(data: Data) throws {
        do {
            try self.init(container: SafeTensors(data: data))
        } catch let error as SafeTensorsError {
            throw ModelFileError.safeTensors(error)
        }
    }

    public init(container: SafeTensors) throws {
        guard container.metadata[Key.format] == Self.formatName else { throw ModelFileError.notAMovierecModel }
        let version = try Self.required(Key.formatVersion, in: container)
        guard version == Self.formatVersion else { throw ModelFileError.unsupportedVersion(version) }
        self.container = container
        _ = try training
        _ = try Self.required(Key.createdAt, in: container)
        _ = try Self.required(Key.models, in: container)
        if models.contains(MatrixFactorizationTensors.kind) { _ = try matrixFactorization() }
        if models.contains(TransformerModel.kind) { _ = try transformer() }
        if models.contains(ImplicitALSModel.kind) { _ = try implicitALS() }
        if models.contains(EASEModel.kind) { _ = try ease() }
        try checkRankingMetadata()
    }

    /// Model kinds in the file, in the order they were added.
    public var models: [String] {
        (container.metadata[Key.models] ?? "").split(separator: ",").map(String.init)
    }

    /// Records that the file holds a model of `kind` (idempotent).
    public mutating func addModel(_ kind: String) {
        guard !models.contains(kind) else { return }
        container.metadata[Key.models] = (models + [kind]).joined(separator: ",")
    }

    public var createdAt: String { container.metadata[Key.createdAt] ?? "" }

    public var training: TrainingFingerprint {
        get throws {
            let ratings = try Self.required(Key.trainingRatings, in: container)
            let maxTimestamp = try Self.required(Key.trainingMaxTimestamp, in: container)
            guard let count = Int(ratings), count >= 0 else {
                throw ModelFileError.invalidMetadata(key: Key.trainingRatings, value: ratings)
            }
            guard let newest = Int64(maxTimestamp) else {
                throw ModelFileError.invalidMetadata(key: Key.trainingMaxTimestamp, value: maxTimestamp)
            }
            return TrainingFingerprint(ratings: count, maxTimestamp: newest)
        }
    }

    /// Writes atomically (temporary file, fsync, rename), so a server reloading the path
    /// never reads half a model.
    public func write(to url: URL) throws {
        do {
            try container.write(to: url)
        } catch let error as SafeTensorsError {
            throw ModelFileError.safeTensors(error)
        }
    }

    enum Key {
        static let format = "format"
        static let formatVersion = "format_version"
        static let models = "models"
        static let createdAt = "created_at"
        static let trainingRatings = "training.ratings"
        static let trainingMaxTimestamp = "training.max_timestamp"
    }

    static func required(_ key: String, in container: SafeTensors) throws -> String {
        guard let value = container.metadata[key] else { throw ModelFileError.missingMetadata(key) }
        return value
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Which ratings a model was trained on, cheaply comparable with the store's fingerprint.
public struct TrainingFingerprint: Sendable, Equatable {
    public var ratings: Int
    /// Newest rating time in the training data (seconds since 1970).
    public var maxTimestamp: Int64

    public init(ratings: Int, maxTimestamp: Int64) {
        self.ratings = ratings
        self.maxTimestamp = maxTimestamp
    }
}
