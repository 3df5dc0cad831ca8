import Foundation
import Models

/// The directory a live server keeps its model files in: versioned names that sort by
/// creation time, the newest valid one to serve, pruning to the last K.
///
/// Files are written by `ModelFile.write` (temporary file, fsync, rename), so a crash
/// mid-write leaves a hidden `.<name>.tmp-<pid>-<random>` file, never a half-written
/// model under a real name; `removeLeftoverTemporaries()` deletes those and listing
/// never looks at them.
public struct ModelDirectory: Sendable {
    public let path: String
    static let prefix = "movierec-"
    static let suffix = ".safetensors"

    public init(path: String) {
        self.path = path
    }

    /// `movierec-<UTC yyyyMMdd'T'HHmmssSSS'Z'>-<ratings>.safetensors`: lexical order is
    /// creation order, and the name says how much data the model saw.
    public static func versionedName(createdAt: Date, ratings: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmssSSS'Z'"
        return "\(prefix)\(formatter.string(from: createdAt))-\(ratings)\(suffix)"
    }

    public func url(of name: String) -> URL {
        URL(fileURLWithPath: path).appendingPathComponent(name)
    }

    /// Names of the versioned model files, oldest first.
    public func names() throws -> [String] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(Self.suffix) }
            .sorted()
    }

    /// Every versioned file with its metadata, oldest first; files that fail to open are
    /// listed with the reason.
    public func entries() throws -> [ModelEntry] {
        try names().map(entry(named:))
    }

    public func entry(named name: String) -> ModelEntry {
        let fileURL = url(of: name)
        do {
            let file = try ModelFile(contentsOf: fileURL)
            return ModelEntry(name: name, path: fileURL.path, created: file.createdAt,
                              trainedOnRatings: try file.training.ratings,
                              validation: try file.matrixFactorizationSummary()?.validation, problem: nil)
        } catch {
            return ModelEntry(name: name, path: fileURL.path, created: "", trainedOnRatings: 0, validation: nil,
                              problem: String(describing: error))
        }
    }

    /// The newest file that opens and validates, nil when there is none.
    public func newestValid() throws -> ModelEntry? {
        for name in try names().reversed() {
            let entry = entry(named: name)
            if entry.isValid { return entry }
        }
        return nil
    }

    /// Writes `file` under a fresh versioned name and returns that name.
    public func write(_ file: ModelFile, createdAt: Date, ratings: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var name = Self.versionedName(createdAt: createdAt, ratings: ratings)
        var attempt = 1
        while FileManager.default.fileExists(atPath: url(of: name).path) {
            attempt += 1
            name = Self.versionedName(createdAt: createdAt, ratings: ratings)
                .replacingOccurrences(of: Self.suffix, with: "-\(attempt)\(Self.suffix)")
        }
        try file.write(to: url(of: name))
        return name
    }

    /// Deletes all but the newest `keep` versioned files, never `protected` (the serving
    /// one); returns the names removed.
    @discardableResult
    public func prune(keep: Int, protecting protected: String?) throws -> [String] {
        let names = try names()
        guard names.count > keep else { return [] }
        var removed: [String] = []
        for name in names.prefix(names.count - keep) where name != protected {
            try FileManager.default.removeItem(at: url(of: name))
            removed.append(name)
        }
        return removed
    }

    /// Deletes temporary files a crash left mid-write (`.<name>.tmp-…`); returns their names.
    @discardableResult
    public func removeLeftoverTemporaries() throws -> [String] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix(".") && $0.contains(Self.suffix + ".tmp-") }
        for name in leftovers { try FileManager.default.removeItem(at: url(of: name)) }
        return leftovers
    }
}
