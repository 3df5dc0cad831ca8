import Foundation

/// A file written through a 1 MiB byte buffer under "NAME.partial", renamed to NAME only
/// when the body finished, so an interrupted run never leaves a file that looks whole.
struct OutputFile {
    private var buffer: [UInt8] = []
    private let handle: FileHandle
    private let path: String
    private static let capacity = 1 << 20

    private init(path: String, handle: FileHandle) {
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(Self.capacity + 4096)
    }

    static func writing(_ path: String, _ body: (inout OutputFile) throws -> Void) throws {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil),
              let handle = FileHandle(forWritingAtPath: partial) else {
            throw SyntheticError.writeFailed(path: partial, reason: "cannot create")
        }
        var file = OutputFile(path: partial, handle: handle)
        do {
            try body(&file)
            try file.flush()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    mutating func append(byte: UInt8) {
        buffer.append(byte)
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Decimal digits of a non-negative integer (ids, timestamps), without a String.
    mutating func append(_ value: Int64) {
        if value < 0 {
            append(String(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { bytes in
            repeat {
                bytes[count] = UInt8(0x30 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(bytes[index]) }
        }
    }

    /// A half-star value as "3.5" or "4.0".
    mutating func appendHalfStars(_ value: Float) {
        let halves = Int64((value * 2).rounded())
        append(halves / 2)
        buffer.append(0x2E)
        buffer.append(halves % 2 == 1 ? 0x35 : 0x30)
    }

    mutating func flushIfFull() throws {
        if buffer.count >= Self.capacity { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SyntheticError.writeFailed(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
