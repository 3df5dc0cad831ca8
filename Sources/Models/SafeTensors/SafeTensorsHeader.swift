import Foundation

/// The JSON header as it is on disk: a map from tensor name to entry, plus the
/// optional `__metadata__` map. Decoding is strict about types (integers stay integers,
/// metadata values must be strings); the layout checks live in the reader.
struct SafeTensorsHeader: Codable {
    struct Entry: Codable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    var metadata: [String: String]?
    var entries: [String: Entry]

    init(metadata: [String: String]?, entries: [String: Entry]) {
        self.metadata = metadata
        self.entries = entries
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        metadata = nil
        entries = [:]
        for key in container.allKeys {
            if key.stringValue == SafeTensors.metadataKey {
                metadata = try Self.decodeMetadata(container, key)
            } else {
                do {
                    entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
                } catch let error as DecodingError {
                    throw SafeTensorsError.invalidHeader("tensor \(key.stringValue): \(Self.explain(error))")
                }
            }
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        if let metadata { try container.encode(metadata, forKey: Key(stringValue: SafeTensors.metadataKey)) }
        for (name, entry) in entries { try container.encode(entry, forKey: Key(stringValue: name)) }
    }

    private static func decodeMetadata(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> [String: String] {
        do {
            return try container.decode([String: String].self, forKey: key)
        } catch let error as DecodingError {
            throw SafeTensorsError.invalidMetadata(explain(error))
        }
    }

    static func explain(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context),
             let .keyNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
