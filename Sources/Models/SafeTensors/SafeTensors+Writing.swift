import Foundation

extension SafeTensors {
    /// The file's bytes. Tensors are laid out widest dtype first, then by name, so every
    /// tensor starts on a multiple of its element size (the header is padded with spaces
    /// to a multiple of 8); the same value always gives the same bytes.
    public func serialized() throws -> Data {
        let ordered = tensors.sorted { a, b in
            a.value.dtype.size != b.value.dtype.size ? a.value.dtype.size > b.value.dtype.size : a.key < b.key
        }
        var entries: [String: SafeTensorsHeader.Entry] = [:]
        var offset = 0
        for (name, tensor) in ordered {
            entries[name] = .init(dtype: tensor.dtype.rawValue, shape: tensor.shape,
                                  dataOffsets: [offset, offset + tensor.bytes.count])
            offset += tensor.bytes.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var header = try encoder.encode(SafeTensorsHeader(metadata: metadata.isEmpty ? nil : metadata,
                                                          entries: entries))
        header.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        var file = Data(capacity: 8 + header.count + offset)
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
        file.append(header)
        for (_, tensor) in ordered { file.append(tensor.bytes) }
        return file
    }

    /// Writes the file atomically: a temporary file in the same directory, fsync, rename
    /// over `url`, fsync of the directory. A reader sees the old file or the new one,
    /// never a half-written one, even across a crash.
    public func write(to url: URL) throws {
        try AtomicFile.write(try serialized(), to: url)
    }
}
