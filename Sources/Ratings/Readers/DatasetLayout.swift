import Foundation

/// Where a dataset's files are: the directory, and the rating file when the user named
/// one (so that `ml-100k.inter` picks `ml-100k.item` next to it).
struct DatasetLayout: Sendable {
    let directory: String
    let namedFile: String?

    init(path: String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            directory = path
            namedFile = nil
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            directory = parent.isEmpty ? "." : parent
            namedFile = path
        }
    }

    func file(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// `name` in the directory, or `missingFile` if it is not there.
    func required(_ name: String) throws -> String {
        let path = file(name)
        guard exists(path) else { throw DatasetError.missingFile(path: path) }
        return path
    }

    /// `name` in the directory if present.
    func optional(_ name: String) -> String? {
        let path = file(name)
        return exists(path) ? path : nil
    }

    /// Directory entries matching `predicate`, sorted by name for a stable order.
    func entries(where predicate: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter(predicate).sorted().map(file)
    }
}
