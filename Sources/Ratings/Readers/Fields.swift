/// Splits a line into fields on a one-byte or two-byte separator, reusing its storage
/// from line to line so that a scan allocates nothing per row.
struct Fields {
    private(set) var ranges: [Range<Int>] = []

    init() { ranges.reserveCapacity(32) }

    var count: Int { ranges.count }

    subscript(index: Int) -> Range<Int> { ranges[index] }

    /// Splits on every occurrence of `separator`; `n` separators give `n + 1` fields.
    mutating func split(_ line: Line, on separator: UInt8) {
        ranges.removeAll(keepingCapacity: true)
        let bytes = line.bytes
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == separator {
                ranges.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<count)
    }

    /// Splits on the two-byte `first second` sequence (MovieLens 1M's `::`).
    mutating func split(_ line: Line, on first: UInt8, _ second: UInt8) {
        ranges.removeAll(keepingCapacity: true)
        let bytes = line.bytes
        var start = 0
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            if bytes[index] == first && bytes[index + 1] == second {
                ranges.append(start..<index)
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        ranges.append(start..<count)
    }

    /// Splits at the first `limit - 1` separators only, so that the last field keeps
    /// any separators it contains (Netflix titles with commas).
    mutating func split(_ line: Line, on separator: UInt8, limit: Int) {
        ranges.removeAll(keepingCapacity: true)
        let bytes = line.bytes
        var start = 0
        var index = 0
        while index < bytes.count && ranges.count < limit - 1 {
            if bytes[index] == separator {
                ranges.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<bytes.count)
    }
}
