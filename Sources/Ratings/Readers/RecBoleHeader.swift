/// The typed header line of a RecBole atomic file (`user_id:token	rating:float	…`):
/// column positions by field name, so files with extra or reordered columns still read.
struct RecBoleHeader {
    private var columns: [String: Int] = [:]
    let count: Int

    init(_ line: Line, file: String) throws {
        var fields = Fields()
        fields.split(line, on: 0x09)
        count = fields.count
        for index in 0..<fields.count {
            let text = line.text(fields[index])
            guard let colon = text.lastIndex(of: ":"), colon != text.startIndex else {
                throw DatasetError.malformed(file: file, line: line.number,
                                             message: "header field \"\(text)\" is not of the form name:type")
            }
            columns[String(text[..<colon])] = index
        }
    }

    func column(_ name: String) -> Int? { columns[name] }

    func required(_ name: String, line: Line, file: String) throws -> Int {
        guard let index = columns[name] else {
            throw DatasetError.malformed(file: file, line: line.number, message: "header has no \(name) column")
        }
        return index
    }
}
