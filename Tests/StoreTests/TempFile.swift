import Foundation

/// A temp directory for a database file (and its -wal/-shm), removed afterwards.
final class TempDatabase {
    let directory: String
    let path: String

    init() throws {
        directory = NSTemporaryDirectory() + "movierec-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/test.sqlite"
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}
