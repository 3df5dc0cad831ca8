/// One line of a text file without its terminator (`\n` or `\r\n`), as raw bytes that
/// are only valid during the callback that receives it.
struct Line {
    let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based, counting every line of the file including blank ones.
    let number: Int

    var count: Int { bytes.count }

    subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// The bytes of `range` as text for error messages (invalid UTF-8 shown as U+FFFD).
    func text(_ range: Range<Int>) -> String {
        String(decoding: self[range], as: UTF8.self)
    }

    var text: String { text(0..<count) }
}
