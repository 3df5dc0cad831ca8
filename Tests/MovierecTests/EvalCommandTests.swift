import ArgumentParser
import Foundation
import Testing
@testable import movierec
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct EvalCommandTests {
    /// A RecBole .inter file of 30 users × 12 movies in a fresh directory.
    private func dataset() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        for user in 1...30 {
            for step in 0..<12 {
                let movie = 1 + (user * 5 + step * 7) % 40
                text += "\(user)\t\(movie)\t\(1 + (user + movie) % 5)\t\(1000 + step)\n"
            }
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent("tiny.inter"))
        return directory
    }

    /// A next-movie transformer small and short enough for a debug build; these tests are
    /// about the command, its own suites about the model.
    static let smallSequence = ["--seq-max-epochs", "2", "--seq-length", "8", "--seq-embedding-size", "8",
                                "--seq-feed-forward", "16", "--seq-layers", "1"]

    private func parse(_ arguments: [String]) throws -> EvalCommand {
        guard let command = try Movierec.parseAsRoot(["eval"] + arguments + Self.smallSequence) as? EvalCommand else {
            throw ValidationError("not an eval command")
        }
        return command
    }

    @Test func rootHelpListsEval() {
        #expect(Movierec.helpMessage().contains("  eval "))
        let help = Movierec.helpMessage(for: EvalCommand.self)
        for flag in ["--protocol <protocol>", "--cold-start-threshold", "--relevance", "--plot", "--factors", "--learning-rate"] {
            #expect(help.contains(flag), "eval help lacks \(flag)")
        }
    }

    @Test func trainAndEvalShareTheMatrixFactorizationFlags() throws {
        let train = try #require(try Movierec.parseAsRoot(["train", "--factors", "7", "--regularization", "0.2"]) as? TrainCommand)
        let eval = try parse(["--factors", "7", "--regularization", "0.2", "--seed", "9"])
        #expect(train.mf.factors == 7 && eval.mf.factors == 7)
        let configuration = try eval.configuration()
        #expect(configuration.factors == 7)
        #expect(configuration.regularization == 0.2)
        #expect(configuration.seed == 9)
    }

    @Test(arguments: [
        (["--folds", "1"], "--folds must be at least 2"),
        (["--k", "0"], "--k must be at least 1"),
        (["--n", "0"], "--n must be at least 1"),
        (["--train-fraction", "1.5"], "--train-fraction must be between 0 and 1"),
        (["--tuning", "test"], "--tuning must be inner or held-out"),
        (["--algorithm", "svd"], "unknown algorithm \"svd\""),
        (["--factors", "0"], "factors must be at least 1"),
        (["--cold-start-threshold=-1"], "--cold-start-threshold must be ≥ 0"),
        (["--protocol", "bootstrap"], "bootstrap"),
    ])
    func rejectsBadFlags(arguments: [String], message: String) {
        do {
            _ = try parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(Movierec.message(for: error).contains(message), "\(Movierec.message(for: error))")
        }
    }

    @Test func jsonHasStableKeys() throws {
        let directory = try dataset()
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try parse(["--data", directory.path, "--protocol", "kfold", "--folds", "3",
                                 "--factors", "4", "--epochs", "4", "--cold-start-threshold", "5"])
        let (report, folds) = try command.measure()
        #expect(folds.count == 3)
        #expect(folds.map(\.errors.heldOutCount).reduce(0, +) == 360)
        let json = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["bias_damping", "cold_start_threshold", "default_ranker", "folds", "k", "long_k", "mf",
                                      "protocol", "rating", "ranking", "ratings", "relevance", "source"])
        let protocolInfo = try #require(object["protocol"] as? [String: Any])
        #expect(protocolInfo["name"] as? String == "kfold")
        #expect(protocolInfo["seed"] as? Int == 42)
        let rating = try #require(object["rating"] as? [String: [String: [String: Any]]])
        #expect(Set(rating.keys) == ["median", "global_mean", "bias", "mf"])
        let mfAll = try #require(rating["mf"]?["all"])
        #expect(Set(mfAll.keys) == ["mae", "mse", "rmse", "count"])
        let rmse = try #require(mfAll["rmse"] as? [String: Any])
        #expect(Set(rmse.keys) == ["mean", "std", "values"])
        #expect((rmse["values"] as? [Double])?.count == 3)
        // The cold-start slice is empty here: its error is null, not NaN (which JSON cannot hold).
        let coldRMSE = try #require(rating["mf"]?["cold_start"]?["rmse"] as? [String: Any])
        #expect(coldRMSE["mean"] is NSNull)
        let ranking = try #require(object["ranking"] as? [String: [String: [String: Any]]])
        #expect(Set(ranking.keys) == ["most_rated", "mf", "ials", "ease", "sequence"])
        #expect(Set(try #require(ranking["mf"]?["all"]).keys)
                == ["hr", "recall", "ndcg", "map", "ndcg_long", "users", "users_without_relevant"])
        let foldInfo = try #require((object["folds"] as? [[String: Any]])?.first)
        #expect(Set(foldInfo.keys) == ["train", "held_out", "held_out_users", "cold_start_users", "cold_start_held_out",
                                        "median", "global_mean", "epochs", "training_seconds"])
        let table = EvalTable.render(report)
        #expect(table.contains("protocol kfold: 3 folds"))
        #expect(table.contains(" ± "))
    }

    @Test func plotIsWellFormedSVG() throws {
        let directory = try dataset()
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try parse(["--data", directory.path, "--factors", "4", "--epochs", "4"])
        let (_, folds) = try command.measure()
        let svg = EvalPlot.svg(folds: folds.map(\.errors), title: "a <title> & \"quotes\"", validation: "inner-split")
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.names.first == "svg")
        #expect(collector.names.contains("polyline"))
        #expect(collector.names.filter { $0 == "rect" }.count > 5)
        #expect(collector.text.contains("a <title> & \"quotes\""))
    }

    @Test func missingDatabaseIsNamed() throws {
        let command = try parse(["--db", "/nonexistent/eval.sqlite"])
        do {
            _ = try command.measure()
            Issue.record("a missing database was accepted")
        } catch {
            #expect("\(error)".contains("/nonexistent/eval.sqlite: no such database"))
        }
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    var names: [String] = []
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        names.append(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
