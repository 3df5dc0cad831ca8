/// Checked reads of the tensors every model kind stores: a missing tensor, a wrong dtype or
/// shape, a NaN or a repeated id is a typed `ModelFileError`, never a crash later.
extension ModelFile {
    func shape(_ name: String) throws -> [Int] {
        guard let tensor = container.tensors[name] else { throw ModelFileError.missingTensor(name) }
        return tensor.shape
    }

    func floats(_ name: String, shape expected: [Int]) throws -> [Float] {
        guard let tensor = container.tensors[name] else { throw ModelFileError.missingTensor(name) }
        guard tensor.dtype == .f32 else { throw ModelFileError.wrongDType(tensor: name, expected: .f32, actual: tensor.dtype) }
        guard tensor.shape == expected else {
            throw ModelFileError.inconsistentShape(tensor: name, expected: expected, actual: tensor.shape)
        }
        let values = try container.floats(name)
        guard values.allSatisfy(\.isFinite) else { throw ModelFileError.nonFinite(tensor: name) }
        return values
    }

    func ids(_ name: String) throws -> [Int64] {
        guard let tensor = container.tensors[name] else { throw ModelFileError.missingTensor(name) }
        guard tensor.dtype == .i64 else { throw ModelFileError.wrongDType(tensor: name, expected: .i64, actual: tensor.dtype) }
        guard tensor.shape.count == 1 else {
            throw ModelFileError.inconsistentShape(tensor: name, expected: [tensor.elementCount], actual: tensor.shape)
        }
        let values = try container.int64s(name)
        var seen = Set<Int64>()
        for id in values where !seen.insert(id).inserted { throw ModelFileError.duplicateID(tensor: name, id: id) }
        return values
    }
}
