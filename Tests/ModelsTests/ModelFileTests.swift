import Foundation
import Linalg
import Ratings
import Testing
@testable import Models

private func smallModel() -> MatrixFactorizationModel {
    MatrixFactorizationModel(
        users: IDIndex([10, 20, 30]), movies: IDIndex([7, 5]), globalMean: 3.25,
        userBias: [0.1, -0.2, 0.3], itemBias: [0.5, -0.5],
        userFactors: Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6]),
        itemFactors: Matrix(rows: 2, columns: 2, storage: [0.1, 0.2, 0.3, 0.4]),
        minimumRating: 1, maximumRating: 5)
}

private func summary() -> MatrixFactorizationSummary {
    MatrixFactorizationSummary(configuration: .init(), bestEpoch: 12, holdout: "last-1",
                               validation: ValidationScores(count: 943, mae: 0.8, mse: 1.0, rmse: 1.0))
}

private func smallFile() throws -> ModelFile {
    var file = ModelFile(training: TrainingFingerprint(ratings: 100_000, maxTimestamp: 893_286_638),
                         createdAt: Date(timeIntervalSince1970: 0))
    try file.setMatrixFactorization(smallModel(), summary: summary())
    return file
}

/// The file's container with one tensor or metadata entry changed, re-parsed as a model file.
private func reopened(_ edit: (inout SafeTensors) throws -> Void) throws -> ModelFile {
    var container = try smallFile().container
    try edit(&container)
    return try ModelFile(data: try container.serialized())
}

@Test func modelFileRoundTripsTheModelAndItsSummary() throws {
    let file = try smallFile()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("movierec.safetensors")
    try file.write(to: url)
    let read = try ModelFile(contentsOf: url)
    #expect(read == file)
    #expect(try read.matrixFactorization() == smallModel())
    #expect(try read.matrixFactorizationSummary() == summary())
    #expect(try read.training == TrainingFingerprint(ratings: 100_000, maxTimestamp: 893_286_638))
    #expect(read.createdAt == "1970-01-01T00:00:00Z")
    #expect(read.models == ["mf"])
}

@Test func weightsKeepPyTorchNamesWithAZeroPaddingRow() throws {
    let container = try smallFile().container
    #expect(try container.shape("user_embedding.weight") == [4, 2])
    #expect(try container.floats("user_embedding.weight") == [0, 0, 1, 2, 3, 4, 5, 6])
    #expect(try container.floats("item_bias.weight") == [0, 0.5, -0.5])
    #expect(try container.int64s("mf.item_ids") == [7, 5])
}

@Test func otherModelsTensorsAndMetadataSurvive() throws {
    var file = try smallFile()
    try file.container.setFloats("experiment.layer.weight", [1, 2, 3], shape: [3])
    file.container.metadata["experiment.heads"] = "4"
    file.addModel("experiment")
    file.addModel("experiment")
    let read = try ModelFile(data: try file.container.serialized())
    #expect(read.models == ["mf", "experiment"])
    #expect(try read.container.floats("experiment.layer.weight") == [1, 2, 3])
    #expect(read.container.metadata["experiment.heads"] == "4")
    #expect(try read.matrixFactorization() == smallModel())
}

@Test func aSafeTensorsFileWithoutMovierecMetadataIsForeign() throws {
    var foreign = SafeTensors(metadata: ["format": "pt"])
    try foreign.setFloats("weight", [1], shape: [1])
    #expect(throws: ModelFileError.notAMovierecModel) { try ModelFile(data: try foreign.serialized()) }
    #expect(throws: ModelFileError.notAMovierecModel) { try ModelFile(data: try SafeTensors().serialized()) }
}

@Test func aBrokenContainerIsReportedAsSuch() {
    #expect(throws: ModelFileError.safeTensors(.truncated(length: 2))) { try ModelFile(data: Data([0, 1])) }
}

@Test func unsupportedVersionAndMissingMetadataAreRejected() {
    #expect(throws: ModelFileError.unsupportedVersion("2")) {
        try reopened { $0.metadata["format_version"] = "2" }
    }
    #expect(throws: ModelFileError.missingMetadata("training.ratings")) {
        try reopened { $0.metadata["training.ratings"] = nil }
    }
    #expect(throws: ModelFileError.invalidMetadata(key: "training.max_timestamp", value: "soon")) {
        try reopened { $0.metadata["training.max_timestamp"] = "soon" }
    }
}

@Test func inconsistentShapesAreRejected() {
    #expect(throws: ModelFileError.inconsistentShape(tensor: "item_embedding.weight", expected: [3, 2], actual: [3, 1])) {
        try reopened { try $0.setFloats("item_embedding.weight", [0, 1, 2], shape: [3, 1]) }
    }
    #expect(throws: ModelFileError.inconsistentShape(tensor: "user_bias.weight", expected: [4, 1], actual: [3, 1])) {
        try reopened { try $0.setFloats("user_bias.weight", [0, 1, 2], shape: [3, 1]) }
    }
    #expect(throws: ModelFileError.invalidMetadata(key: "mf.factors", value: "3")) {
        try reopened { $0.metadata["mf.factors"] = "3" }
    }
}

@Test func duplicateIDsNonFiniteValuesAndMissingTensorsAreRejected() {
    #expect(throws: ModelFileError.duplicateID(tensor: "mf.user_ids", id: 10)) {
        try reopened { try $0.setInt64s("mf.user_ids", [10, 20, 10], shape: [3]) }
    }
    #expect(throws: ModelFileError.nonFinite(tensor: "item_bias.weight")) {
        try reopened { try $0.setFloats("item_bias.weight", [0, .nan, 1], shape: [3, 1]) }
    }
    #expect(throws: ModelFileError.missingTensor("mf.global_mean")) {
        try reopened { $0.removeTensor("mf.global_mean") }
    }
    #expect(throws: ModelFileError.wrongDType(tensor: "mf.item_ids", expected: .i64, actual: .f32)) {
        try reopened { try $0.setFloats("mf.item_ids", [7, 5], shape: [2]) }
    }
}

@Test func askingForAnAbsentModelFails() throws {
    let empty = ModelFile(training: TrainingFingerprint(ratings: 0, maxTimestamp: 0))
    #expect(throws: ModelFileError.missingModel("mf")) { try empty.matrixFactorization() }
    #expect(try empty.matrixFactorizationSummary() == nil)
}

@Test func aTransformerSharesTheFileWithMFAndIsValidatedOnLoad() throws {
    var file = try smallFile()
    let (model, _) = try TransformerModelTests.tinyModel(features: false)
    try file.setTransformer(model, bestEpoch: 3, validation: ValidationScores(count: 9, mae: 0.7, mse: 0.9, rmse: 0.95))
    let read = try ModelFile(data: try file.container.serialized())
    #expect(read.models == ["mf", "transformer"])
    #expect(try read.transformer().parameters == model.parameters)
    #expect(try read.transformerValidation()?.bestEpoch == 3)
    #expect(try read.matrixFactorization() == smallModel())

    var broken = read.container
    broken.removeTensor("linear.0.weight")
    #expect(throws: ModelFileError.self) { try ModelFile(container: broken) }
}
