/// RFC 4180 fields of one line: quoted fields may contain commas and doubled quotes
/// (`"Lord of the Rings, The ""Extended"""`). Quoted fields spanning lines are not
/// supported (MovieLens never writes them) and are reported as an unterminated quote.
enum CSVLine {
    static func fields(_ line: Line, file: String) throws -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        let bytes = line.bytes
        var index = 0
        var fieldStart = true
        while index <= bytes.count {
            if index == bytes.count {
                fields.append(try decode(current, line, file))
                break
            }
            let byte = bytes[index]
            if fieldStart && byte == 0x22 {
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == 0x22 {
                        if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                            current.append(0x22)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    current.append(bytes[index])
                    index += 1
                }
                guard closed else {
                    throw DatasetError.malformed(file: file, line: line.number, message: "unterminated quoted field")
                }
                guard index == bytes.count || bytes[index] == 0x2C else {
                    throw DatasetError.malformed(file: file, line: line.number,
                                                 message: "unexpected character after closing quote at column \(index + 1)")
                }
                fieldStart = false
                continue
            }
            if byte == 0x2C {
                fields.append(try decode(current, line, file))
                current.removeAll(keepingCapacity: true)
                fieldStart = true
            } else {
                current.append(byte)
                fieldStart = false
            }
            index += 1
        }
        return fields
    }

    private static func decode(_ bytes: [UInt8], _ line: Line, _ file: String) throws -> String {
        guard let text = bytes.withUnsafeBufferPointer(TextDecoding.utf8) else {
            throw DatasetError.malformed(file: file, line: line.number, message: "text is not valid UTF-8")
        }
        return text
    }
}
