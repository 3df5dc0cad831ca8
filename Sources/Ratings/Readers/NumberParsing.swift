/// Byte-level number parsing for the hot loop: no `String` is created for a well-formed
/// field. Anything unusual returns nil and the caller reports the line.
enum NumberParsing {
    /// An optionally signed decimal integer; nil on empty input, stray bytes or overflow.
    @inline(__always)
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if index < bytes.count && (bytes[index] == 0x2D || bytes[index] == 0x2B) {
            negative = bytes[index] == 0x2D
            index += 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1 && !o2 else { return nil }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }

    /// An integer that may carry a fractional part ("881250949.0", as RecBole writes
    /// `timestamp:float`); the fraction is truncated toward zero.
    @inline(__always)
    static func wholeSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var dot = bytes.count
        for index in 0..<bytes.count where bytes[index] == 0x2E {
            dot = index
            break
        }
        if dot == bytes.count { return int64(bytes) }
        for index in (dot + 1)..<bytes.count where bytes[index] &- 0x30 >= 10 { return nil }
        if dot == 0 { return dot + 1 < bytes.count ? 0 : nil }
        return int64(UnsafeBufferPointer(rebasing: bytes[0..<dot]))
    }

    /// A decimal number such as "4", "3.5" or "4.0"; other spellings ("3e0", " 4")
    /// fall back to the standard library's parser.
    @inline(__always)
    static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        var whole: Int = 0
        var index = 0
        var digits = 0
        while index < bytes.count, bytes[index] &- 0x30 < 10, digits < 9 {
            whole = whole * 10 + Int(bytes[index] &- 0x30)
            index += 1
            digits += 1
        }
        if index == bytes.count && digits > 0 { return Float(whole) }
        if digits > 0 && index < bytes.count && bytes[index] == 0x2E {
            index += 1
            var fraction = 0
            var scale = 1
            while index < bytes.count, bytes[index] &- 0x30 < 10, scale < 1_000_000 {
                fraction = fraction * 10 + Int(bytes[index] &- 0x30)
                scale *= 10
                index += 1
            }
            if index == bytes.count {
                return Float(Double(whole) + Double(fraction) / Double(scale))
            }
        }
        return Float(String(decoding: bytes, as: UTF8.self))
    }
}
