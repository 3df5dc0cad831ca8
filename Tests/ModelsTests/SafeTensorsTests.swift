import Foundation
import Testing
@testable import Models

/// Builds a raw safetensors file from a header string and a data section, so each
/// corruption can be written exactly as a broken writer would.
private func rawFile(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> Data {
    let headerBytes = Array(header.utf8)
    var file = Data()
    var length = (declaredLength ?? UInt64(headerBytes.count)).littleEndian
    withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
    file.append(contentsOf: headerBytes)
    file.append(contentsOf: data)
    return file
}

private func sample() throws -> SafeTensors {
    var tensors = SafeTensors(metadata: ["format": "test", "note": "ünïcode \"quoted\""])
    try tensors.setFloats("weights", [1, -2.5, 3, .pi, 0, 6], shape: [2, 3])
    try tensors.setInt64s("ids", [7, Int64.max, -1], shape: [3])
    try tensors.setDoubles("mean", [3.53], shape: [])
    try tensors.setInt32s("empty", [], shape: [0, 4])
    return tensors
}

@Test func safeTensorsRoundTripsThroughBytesAndFiles() throws {
    let original = try sample()
    let decoded = try SafeTensors(data: try original.serialized())
    #expect(decoded == original)
    #expect(try decoded.floats("weights") == [1, -2.5, 3, .pi, 0, 6])
    #expect(try decoded.shape("weights") == [2, 3])
    #expect(try decoded.int64s("ids") == [7, Int64.max, -1])
    #expect(try decoded.doubles("mean") == [3.53])
    #expect(try decoded.int32s("empty") == [])
    #expect(decoded.metadata["note"] == "ünïcode \"quoted\"")

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    try original.write(to: url)
    try original.write(to: url)
    #expect(try SafeTensors(contentsOf: url) == original)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
}

@Test func serializedHeaderIsPaddedAndTensorsAreAligned() throws {
    let bytes = try sample().serialized()
    let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
    #expect(headerLength % 8 == 0)
    let header = try JSONSerialization.jsonObject(with: bytes[8..<(8 + headerLength)]) as? [String: Any]
    let ids = header?["ids"] as? [String: Any]
    let weights = header?["weights"] as? [String: Any]
    #expect((ids?["data_offsets"] as? [Int])?.first.map { $0 % 8 } == 0)
    #expect((weights?["data_offsets"] as? [Int])?.first.map { $0 % 4 } == 0)
}

@Test func typedAccessorsRejectWrongDTypeAndMissingNames() throws {
    let tensors = try sample()
    #expect(throws: SafeTensorsError.wrongDType(tensor: "ids", expected: .f32, actual: .i64)) {
        try tensors.floats("ids")
    }
    #expect(throws: SafeTensorsError.missingTensor("nope")) { try tensors.floats("nope") }
}

@Test func builderRejectsValuesThatDoNotFillTheShape() {
    var tensors = SafeTensors()
    #expect(throws: SafeTensorsError.valueCountMismatch(tensor: "x", shape: [2, 2], count: 3)) {
        try tensors.setFloats("x", [1, 2, 3], shape: [2, 2])
    }
    #expect(throws: SafeTensorsError.invalidName("__metadata__")) {
        try tensors.setFloats("__metadata__", [1], shape: [1])
    }
}

private let fourFloats = [UInt8](repeating: 0, count: 16)

@Test func readerRejectsFilesTooShortForTheLength() {
    #expect(throws: SafeTensorsError.truncated(length: 3)) { try SafeTensors(data: Data([1, 2, 3])) }
}

@Test func readerRejectsHeaderLengthPastEndOfFile() {
    let file = rawFile(header: "{}", data: [], declaredLength: 50)
    #expect(throws: SafeTensorsError.headerPastEndOfFile(headerLength: 50, fileLength: 10)) {
        try SafeTensors(data: file)
    }
}

@Test func readerRejectsAbsurdHeaderLength() {
    let file = rawFile(header: "{}", data: [], declaredLength: UInt64.max)
    #expect(throws: SafeTensorsError.headerTooLarge(length: UInt64.max, limit: SafeTensors.maximumHeaderLength)) {
        try SafeTensors(data: file)
    }
}

@Test func readerRejectsBadJSON() {
    #expect(throws: SafeTensorsError.self) { try SafeTensors(data: rawFile(header: "{\"a\": ", data: [])) }
    #expect(throws: SafeTensorsError.self) { try SafeTensors(data: rawFile(header: "[1, 2]", data: [])) }
    let fractional = #"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#
    #expect(throws: SafeTensorsError.self) { try SafeTensors(data: rawFile(header: fractional, data: [0, 0, 0, 0])) }
    let invalidUTF8 = rawFile(header: "", data: [0x7B, 0xFF, 0x7D], declaredLength: 3)
    #expect(throws: SafeTensorsError.invalidHeader("not UTF-8")) { try SafeTensors(data: invalidUTF8) }
}

@Test func readerRejectsOverlappingTensors() {
    let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
    #expect(throws: SafeTensorsError.overlap(first: "a", second: "b")) {
        try SafeTensors(data: rawFile(header: header, data: Array(fourFloats[..<12])))
    }
}

@Test func readerRejectsGapsBetweenTensors() {
    let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
    #expect(throws: SafeTensorsError.gap(offset: 4)) { try SafeTensors(data: rawFile(header: header, data: fourFloats)) }
    let late = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
    #expect(throws: SafeTensorsError.gap(offset: 0)) {
        try SafeTensors(data: rawFile(header: late, data: Array(fourFloats[..<8])))
    }
}

@Test func readerRejectsOffsetsThatDisagreeWithTheShape() {
    let header = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}}"#
    #expect(throws: SafeTensorsError.sizeMismatch(tensor: "a", expectedBytes: 12, actualBytes: 16)) {
        try SafeTensors(data: rawFile(header: header, data: fourFloats))
    }
    let backwards = #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#
    #expect(throws: SafeTensorsError.invalidOffsets(tensor: "a", offsets: [8, 4])) {
        try SafeTensors(data: rawFile(header: backwards, data: []))
    }
}

@Test func readerRejectsNegativeAndOverflowingShapes() {
    let negative = #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#
    #expect(throws: SafeTensorsError.invalidShape(tensor: "a", shape: [-1])) {
        try SafeTensors(data: rawFile(header: negative, data: []))
    }
    let huge = #"{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#
    #expect(throws: SafeTensorsError.invalidShape(tensor: "a", shape: [4_294_967_296, 4_294_967_296])) {
        try SafeTensors(data: rawFile(header: huge, data: []))
    }
}

@Test func readerRejectsUnknownDType() {
    let header = #"{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}"#
    #expect(throws: SafeTensorsError.unknownDType(tensor: "a", dtype: "F128")) {
        try SafeTensors(data: rawFile(header: header, data: fourFloats))
    }
}

@Test func readerRejectsTrailingGarbageAndMissingData() {
    let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
    #expect(throws: SafeTensorsError.dataLengthMismatch(expected: 8, actual: 9)) {
        try SafeTensors(data: rawFile(header: header, data: Array(fourFloats[..<9])))
    }
    #expect(throws: SafeTensorsError.dataLengthMismatch(expected: 8, actual: 5)) {
        try SafeTensors(data: rawFile(header: header, data: Array(fourFloats[..<5])))
    }
}

@Test func readerRejectsNonStringMetadata() {
    let header = #"{"__metadata__":{"version":1},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
    #expect(throws: SafeTensorsError.self) {
        try SafeTensors(data: rawFile(header: header, data: Array(fourFloats[..<4])))
    }
    do {
        _ = try SafeTensors(data: rawFile(header: header, data: Array(fourFloats[..<4])))
    } catch let error as SafeTensorsError {
        guard case .invalidMetadata = error else {
            Issue.record("expected invalidMetadata, got \(error)")
            return
        }
    } catch {
        Issue.record("unexpected \(error)")
    }
}

@Test func readerAcceptsAHandWrittenValidFile() throws {
    let header = #"{"__metadata__":{"k":"v"},"b":{"dtype":"I64","shape":[1],"data_offsets":[4,12]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
    var data: [UInt8] = [0, 0, 0x80, 0x3F]
    data += [42, 0, 0, 0, 0, 0, 0, 0]
    let tensors = try SafeTensors(data: rawFile(header: header, data: data))
    #expect(try tensors.floats("a") == [1])
    #expect(try tensors.int64s("b") == [42])
    #expect(tensors.metadata == ["k": "v"])
}
