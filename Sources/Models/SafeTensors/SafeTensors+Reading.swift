import Foundation

extension SafeTensors {
    /// Upper bound on the JSON header, so that a corrupt length cannot make the reader
    /// allocate gigabytes. The header of a movierec model is a few kilobytes.
    public static let maximumHeaderLength = 100_000_000

    /// Reads and validates the file at `url` in one read.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafeTensorsError.io(path: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data)
    }

    /// Parses and validates a whole file's bytes. Rejects anything the format does not
    /// allow: a header past the end, non-JSON, unknown dtypes, shapes whose byte size
    /// overflows or disagrees with the offsets, tensors that overlap or leave gaps, and a
    /// data section longer or shorter than the tensors.
    public init(data: Data) throws {
        guard data.count >= 8 else { throw SafeTensorsError.truncated(length: data.count) }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { sum, byte in
            sum | (UInt64(byte.element) << (8 * UInt64(byte.offset)))
        }
        guard headerLength <= UInt64(Self.maximumHeaderLength) else {
            throw SafeTensorsError.headerTooLarge(length: headerLength, limit: Self.maximumHeaderLength)
        }
        let dataStart = 8 + Int(headerLength)
        guard dataStart <= data.count else {
            throw SafeTensorsError.headerPastEndOfFile(headerLength: headerLength, fileLength: data.count)
        }
        let start = data.startIndex
        let header = try Self.decodeHeader(data[(start + 8)..<(start + dataStart)])
        let body = data[(start + dataStart)...]
        self.init(metadata: header.metadata ?? [:], tensors: try Self.validatedTensors(header.entries, body: body))
    }

    private static func decodeHeader(_ bytes: Data) throws -> SafeTensorsHeader {
        guard String(data: bytes, encoding: .utf8) != nil else {
            throw SafeTensorsError.invalidHeader("not UTF-8")
        }
        do {
            return try JSONDecoder().decode(SafeTensorsHeader.self, from: bytes)
        } catch let error as SafeTensorsError {
            throw error
        } catch let error as DecodingError {
            throw SafeTensorsError.invalidHeader(SafeTensorsHeader.explain(error))
        } catch {
            throw SafeTensorsError.invalidHeader("\(error)")
        }
    }

    private static func validatedTensors(_ entries: [String: SafeTensorsHeader.Entry], body: Data) throws -> [String: Tensor] {
        var spans: [(name: String, begin: Int, end: Int)] = []
        var result: [String: Tensor] = [:]
        for (name, entry) in entries {
            guard let dtype = SafeTensorsDType(rawValue: entry.dtype) else {
                throw SafeTensorsError.unknownDType(tensor: name, dtype: entry.dtype)
            }
            guard let count = elementCount(entry.shape) else {
                throw SafeTensorsError.invalidShape(tensor: name, shape: entry.shape)
            }
            let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
            guard !overflow else { throw SafeTensorsError.invalidShape(tensor: name, shape: entry.shape) }
            let offsets = entry.dataOffsets
            guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw SafeTensorsError.invalidOffsets(tensor: name, offsets: offsets)
            }
            guard offsets[1] - offsets[0] == needed else {
                throw SafeTensorsError.sizeMismatch(tensor: name, expectedBytes: needed,
                                                    actualBytes: offsets[1] - offsets[0])
            }
            spans.append((name, offsets[0], offsets[1]))
        }
        spans.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for span in spans {
            if span.begin < covered, let previous { throw SafeTensorsError.overlap(first: previous, second: span.name) }
            if span.begin > covered { throw SafeTensorsError.gap(offset: covered) }
            covered = span.end
            previous = span.name
        }
        guard covered == body.count else {
            throw SafeTensorsError.dataLengthMismatch(expected: covered, actual: body.count)
        }
        for span in spans {
            guard let entry = entries[span.name], let dtype = SafeTensorsDType(rawValue: entry.dtype) else { continue }
            let bytes = Data(body[(body.startIndex + span.begin)..<(body.startIndex + span.end)])
            result[span.name] = Tensor(dtype: dtype, shape: entry.shape, bytes: bytes)
        }
        return result
    }
}
