/// Turning dataset bytes into Swift strings: strict UTF-8 for the UTF-8 formats,
/// byte-for-code-point Latin-1 for the old MovieLens and Netflix files.
enum TextDecoding {
    /// Valid UTF-8 or nil, never a silent U+FFFD.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// ISO-8859-1: every byte is the code point of the same value, so this cannot fail.
    static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// The release year from a title ending in "(1995)" (after trailing spaces), as
    /// MovieLens writes them. The title itself is left as the dataset has it.
    static func trailingYear(in title: String) -> Int? {
        let scalars = Array(title.unicodeScalars.reversed().drop(while: { $0 == " " }).prefix(6).reversed())
        guard scalars.count == 6, scalars[0] == "(", scalars[5] == ")" else { return nil }
        var year = 0
        for scalar in scalars[1...4] {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
            year = year * 10 + Int(scalar.value - 0x30)
        }
        return year
    }
}
