import Foundation
import Models
import Testing
@testable import movierec

/// `train --transformer-from` copies a transformer trained on the same ratings and refuses
/// one trained on others.
@Suite struct TransformerFromTests {
    /// A RecBole .inter file of 20 users × 8 movies in a fresh directory.
    private func dataset(users: Int) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-tf-from-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        for user in 1...users {
            for step in 0..<8 { text += "\(user)\t\(1 + (user * 3 + step * 5) % 20)\t\(1 + (user + step) % 5)\t\(1000 + step)\n" }
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent("tiny.inter"))
        return directory
    }

    private func train(_ arguments: [String]) throws {
        var command = try #require(try Movierec.parseAsRoot(["train", "--quiet", "--factors", "4", "--tf-epochs", "1",
                                                             "--tf-embedding-size", "4", "--tf-heads", "1"] + arguments) as? TrainCommand)
        try command.run()
    }

    @Test func copiesATransformerTrainedOnTheSameRatingsAndRefusesOthers() throws {
        let data = try dataset(users: 20), other = try dataset(users: 21)
        defer { for url in [data, other] { try? FileManager.default.removeItem(at: url) } }
        let full = data.appendingPathComponent("full.safetensors").path
        let copied = data.appendingPathComponent("copied.safetensors").path
        try train(["--data", data.path, "--out", full, "--models", "mf,transformer"])
        try train(["--data", data.path, "--out", copied, "--models", "mf,ease", "--transformer-from", full])
        let source = try ModelFile(contentsOf: URL(fileURLWithPath: full))
        let target = try ModelFile(contentsOf: URL(fileURLWithPath: copied))
        #expect(Set(target.models) == ["mf", "ease", "transformer"])
        #expect(try target.transformer().parameters == source.transformer().parameters)
        do {
            try train(["--data", other.path, "--out", other.appendingPathComponent("m.safetensors").path,
                       "--models", "mf", "--transformer-from", full])
            Issue.record("a transformer of other ratings was copied")
        } catch {
            #expect("\(error)".contains("its transformer was trained on 160 ratings"), "\(error)")
        }
        #expect(throws: (any Error).self) {
            try Movierec.parseAsRoot(["train", "--models", "mf,transformer", "--transformer-from", full])
        }
    }
}
