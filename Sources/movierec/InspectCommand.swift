import ArgumentParser
import Foundation
import Models

/// `movierec inspect FILE`: what a model file holds, and optionally its predictions.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model file's metadata, tensors and summary.",
        discussion: """
            Fails (non-zero exit) when the file is not a valid movierec model; the tensors \
            of any valid safetensors file are still listed. Each ranking model (iALS, EASE) is \
            shown with its shape, configuration and validation HR@10/NDCG@10, beside MF's and \
            most-rated's, and ranking.default. --predict USER,MOVIE (repeatable) \
            prints the MF model's predictions, with cold-start fallbacks for unknown ids; \
            --json prints everything as one JSON object.
            """)

    @Argument(help: "Model file (safetensors).")
    var file: String

    @Option(name: .customLong("predict"), help: "USER,MOVIE raw ids to predict (repeatable; write --predict=-1,5 for a negative id).")
    var predictions: [String] = []

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        _ = try pairs()
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let container: SafeTensors
        do {
            container = try SafeTensors(contentsOf: url)
        } catch let error as SafeTensorsError {
            throw CommandFailure(message: "\(file): \(error.description)")
        }
        let model: ModelFile
        do {
            model = try ModelFile(container: container)
        } catch let error as ModelFileError {
            if !json { printTensors(container) }
            throw CommandFailure(message: "\(file): \(error.description)")
        }
        let mf = model.models.contains(MatrixFactorizationTensors.kind) ? try model.matrixFactorization() : nil
        let predicted: [(user: Int64, movie: Int64, value: Float)] = try pairs().map { pair in
            guard let mf else { throw CommandFailure(message: "\(file): holds no MF model to predict with") }
            return (pair.user, pair.movie, mf.predict(user: pair.user, movie: pair.movie))
        }
        let ranking = try RankingSummary(model)
        if json {
            print(try jsonReport(container, mf: mf, ranking: ranking, predicted: predicted))
        } else {
            printText(container, model: model, mf: mf, predicted: predicted)
            for line in ranking.lines { print(line) }
        }
    }

    private func pairs() throws -> [(user: Int64, movie: Int64)] {
        try predictions.map { text in
            let parts = text.split(separator: ",")
            guard parts.count == 2, let user = Int64(parts[0]), let movie = Int64(parts[1]) else {
                throw ValidationError("--predict expects USER,MOVIE raw ids, got \"\(text)\"")
            }
            return (user, movie)
        }
    }

    private func printTensors(_ container: SafeTensors) {
        print("tensors:")
        for name in container.names {
            guard let tensor = container.tensors[name] else { continue }
            print("  \(name)  \(tensor.dtype.rawValue)  \(tensor.shape)")
        }
    }

    private func printText(_ container: SafeTensors, model: ModelFile, mf: MatrixFactorizationModel?,
                           predicted: [(user: Int64, movie: Int64, value: Float)]) {
        print("\(file): movierec model file, format \(ModelFile.formatVersion), models: \(model.models.joined(separator: ", "))")
        print("metadata:")
        for key in container.metadata.keys.sorted() { print("  \(key) = \(container.metadata[key] ?? "")") }
        printTensors(container)
        if let mf {
            var line = "mf: \(mf.users.count) users, \(mf.movies.count) movies, \(mf.factors) factors, "
                + "mean \(EpochLine.fixed(Double(mf.globalMean), 4))"
            if let scores = try? model.matrixFactorizationSummary()?.validation {
                line += ", validation MAE \(EpochLine.fixed(scores.mae, 4)) RMSE \(EpochLine.fixed(scores.rmse, 4))"
            }
            print(line)
        }
        for p in predicted { print("predict user \(p.user) movie \(p.movie): \(p.value)") }
    }

    private func jsonReport(_ container: SafeTensors, mf: MatrixFactorizationModel?, ranking: RankingSummary,
                            predicted: [(user: Int64, movie: Int64, value: Float)]) throws -> String {
        var tensors: [[String: Any]] = []
        for name in container.names {
            guard let tensor = container.tensors[name] else { continue }
            tensors.append(["name": name, "dtype": tensor.dtype.rawValue, "shape": tensor.shape])
        }
        var object: [String: Any] = [
            "file": file, "metadata": container.metadata, "tensors": tensors,
            "predictions": predicted.map { ["user": $0.user, "movie": $0.movie, "prediction": Double($0.value)] },
        ]
        if let mf {
            object["mf"] = ["users": mf.users.count, "movies": mf.movies.count, "factors": mf.factors]
        }
        object["ranking"] = try ranking.json()
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
