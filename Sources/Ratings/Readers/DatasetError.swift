/// Why a dataset could not be read. Every problem inside a file names the file and the
/// 1-based line number, so that a bad row in a 25M-line file can be found with `sed -n`.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` failed (missing file, permissions, …).
    case cannotOpen(path: String, errno: Int32)
    /// `read(2)` failed part-way through a file.
    case readFailed(path: String, errno: Int32)
    /// The path matches none of the known dataset layouts.
    case unrecognisedFormat(path: String)
    /// The layout was recognised (or forced) but a file it needs is absent.
    case missingFile(path: String)
    /// A line that cannot be parsed, or a value that is out of range.
    case malformed(file: String, line: Int, message: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, code): return "\(path): cannot open (errno \(code))"
        case let .readFailed(path, code): return "\(path): read failed (errno \(code))"
        case let .unrecognisedFormat(path):
            return "\(path): not a known dataset (expected MovieLens 100k/1M/latest, RecBole atomic files or Netflix Prize)"
        case let .missingFile(path): return "\(path): file not found"
        case let .malformed(file, line, message): return "\(file):\(line): \(message)"
        }
    }
}
