#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks with `read(2)` and hands out its lines, so memory
/// stays bounded by the chunk size (plus the longest line) whatever the file size.
///
/// Handles `\r\n` as well as `\n`, a missing final newline, and a UTF-8 byte-order mark
/// at the start. Blank lines (after removing `\r`) are not delivered, but they still
/// count for line numbers, which therefore match what an editor shows.
final class LineReader {
    let path: String
    /// Size of the file when it was opened, for progress.
    let totalBytes: Int
    private(set) var bytesRead = 0
    private let descriptor: Int32
    private var buffer: UnsafeMutableRawBufferPointer

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? DatasetError.missingFile(path: path) : DatasetError.cannotOpen(path: path, errno: errno)
        }
        var info = stat()
        totalBytes = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        buffer = .allocate(byteCount: max(chunkSize, 16), alignment: 16)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// Calls `body` for each non-blank line, then `afterChunk` after each chunk's lines
    /// have been handled (for progress reporting).
    func forEachLine(afterChunk: () -> Void = {}, _ body: (Line) throws -> Void) throws {
        var start = 0          // first byte of the pending line
        var end = 0            // one past the last valid byte
        var lineNumber = 0
        var atFileStart = true
        while true {
            if end == buffer.count {
                if start > 0 {
                    // Slide the partial line to the front to make room.
                    let pending = end - start
                    if pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, pending) }
                    end = pending
                    start = 0
                } else {
                    grow()
                }
            }
            let got = read(descriptor, buffer.baseAddress! + end, buffer.count - end)
            if got < 0 {
                if errno == EINTR { continue }
                throw DatasetError.readFailed(path: path, errno: errno)
            }
            if got == 0 { break }
            let scanFrom = end
            end += got
            bytesRead += got
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if atFileStart {
                if end < 3 && bytesRead < totalBytes { continue }
                atFileStart = false
                if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
            }
            var cursor = max(scanFrom, start)
            while cursor < end, let hit = memchr(base + cursor, 0x0A, end - cursor) {
                let newline = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                lineNumber += 1
                try deliver(base, start, newline, lineNumber, body)
                start = newline + 1
                cursor = start
            }
            afterChunk()
        }
        if end > start {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var from = start
            if atFileStart && end - start >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { from = 3 }
            try deliver(base, from, end, lineNumber + 1, body)
        }
    }

    @inline(__always)
    private func deliver(_ base: UnsafeMutablePointer<UInt8>, _ from: Int, _ to: Int, _ number: Int,
                         _ body: (Line) throws -> Void) throws {
        var stop = to
        if stop > from && base[stop - 1] == 0x0D { stop -= 1 }
        guard stop > from else { return }
        try body(Line(bytes: UnsafeBufferPointer(start: base + from, count: stop - from), number: number))
    }

    private func grow() {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
        bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
        buffer.deallocate()
        buffer = bigger
    }
}
