import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe replacement of a file's contents with POSIX calls.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func failure(_ call: String, _ file: String) -> SafeTensorsError {
            .io(path: file, reason: "\(call): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("open", temporary) }
        var written = 0
        let result: SafeTensorsError? = data.withUnsafeBytes { raw -> SafeTensorsError? in
            guard let base = raw.baseAddress else { return nil }
            while written < raw.count {
                let count = Glibc.write(descriptor, base + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return failure("write", temporary)
                }
                written += count
            }
            return nil
        }
        if let result {
            close(descriptor)
            unlink(temporary)
            throw result
        }
        if fsync(descriptor) != 0 {
            let error = failure("fsync", temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename", path)
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure("open", directory) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync", directory) }
    }
}
