import ArgumentParser
import Foundation
import Service

/// `movierec models`: the versioned model files of a model directory with their metrics,
/// oldest first, as `serve --model-dir` keeps them.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model files of a model directory with their validation metrics.")

    @Option(help: "Model directory (see `serve --model-dir`).")
    var modelDir = "models"

    func run() throws {
        guard FileManager.default.fileExists(atPath: modelDir) else {
            throw CommandFailure(message: "\(modelDir): no such directory")
        }
        let entries = try ModelDirectory(path: modelDir).entries()
        guard !entries.isEmpty else {
            print("no model files in \(modelDir)")
            return
        }
        print(["version", "created", "ratings", "val_MAE", "val_RMSE"].joined(separator: "\t"))
        for entry in entries {
            if let problem = entry.problem {
                print("\(entry.name)\tinvalid: \(problem)")
                continue
            }
            let mae = entry.validation.map { String(format: "%.4f", $0.mae) } ?? "-"
            let rmse = entry.validation.map { String(format: "%.4f", $0.rmse) } ?? "-"
            print([entry.name, entry.created, String(entry.trainedOnRatings), mae, rmse].joined(separator: "\t"))
        }
    }
}
