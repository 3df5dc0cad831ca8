import Foundation

/// Typed reads and writes of `__metadata__` values, which safetensors keeps as strings:
/// a value that does not parse is `ModelFileError.invalidMetadata`, naming the key.
extension ModelFile {
    /// `value` as compact JSON with sorted keys, so the same configuration is the same text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The JSON value of `key`, which must decode and pass `check` (a configuration's `validate`).
    func decoded<T: Decodable>(_ type: T.Type, key: String, check: (T) throws -> Void = { _ in }) throws -> T {
        let json = try Self.required(key, in: container)
        do {
            let value = try JSONDecoder().decode(type, from: Data(json.utf8))
            try check(value)
            return value
        } catch {
            throw ModelFileError.invalidMetadata(key: key, value: json)
        }
    }

    func number(_ key: String) throws -> Double {
        let text = try Self.required(key, in: container)
        guard let value = Double(text) else { throw ModelFileError.invalidMetadata(key: key, value: text) }
        return value
    }

    func integer(_ key: String) throws -> Int {
        let text = try Self.required(key, in: container)
        guard let value = Int(text) else { throw ModelFileError.invalidMetadata(key: key, value: text) }
        return value
    }

    /// Removes every metadata key that starts with `prefix` (a model's keys before it is replaced).
    mutating func removeMetadata(prefixed prefix: String) {
        for key in container.metadata.keys where key.hasPrefix(prefix) { container.metadata[key] = nil }
    }
}
