import ArgumentParser
import Foundation
import Testing
@testable import movierec

@Suite struct CommandLineTests {
    @Test func rootHelpListsEverySubcommand() {
        let help = Movierec.helpMessage()
        for name in ["import", "train", "inspect", "serve", "models"] {
            #expect(help.contains("  \(name) "), "help lacks \(name)")
        }
    }

    @Test func serveHelpIsPinned() {
        let help = Movierec.helpMessage(for: ServeCommand.self)
        #expect(help.contains("USAGE: movierec serve <options>"))
        #expect(help.contains("--rerank-candidates <rerank-candidates>"))
        for flag in ["--model-dir <model-dir>", "--retrain-every <retrain-every>", "--retrain-after <retrain-after>",
                     "--keep-models <keep-models>", "--admin-token-file <admin-token-file>", "--fold-in-known-users"] {
            #expect(help.contains(flag), "serve help lacks \(flag)")
        }
    }

    @Test func serveRejectsAPortOutOfRange() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-cli-\(UUID().uuidString).sqlite")
        FileManager.default.createFile(atPath: db.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: db) }
        #expect(throws: (any Error).self) { try Movierec.parseAsRoot(["serve", "--db", db.path, "--port", "70000"]) }
        #expect(throws: (any Error).self) { try Movierec.parseAsRoot(["serve", "--db", db.path, "--threads", "0"]) }
        #expect(try Movierec.parseAsRoot(["serve", "--db", db.path, "--port", "0"]) is ServeCommand)
    }

    @Test func serveNamesAMissingDatabase() {
        do {
            _ = try Movierec.parseAsRoot(["serve", "--db", "/nonexistent/movierec.sqlite"])
            Issue.record("a missing database was accepted")
        } catch {
            #expect(Movierec.message(for: error).contains("/nonexistent/movierec.sqlite: no such database"))
        }
    }

    @Test func importRejectsAnUnknownFormat() {
        do {
            _ = try Movierec.parseAsRoot(["import", "/tmp", "--format", "csv"])
            Issue.record("an unknown format was accepted")
        } catch {
            #expect(Movierec.message(for: error).contains("unknown format \"csv\""))
        }
    }
}

@Suite struct LiveOptionsTests {
    @Test func serveRejectsBadRetrainingFlags() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("db.sqlite").path
        FileManager.default.createFile(atPath: db, contents: Data())
        for flags in [["--retrain-every", "10"], ["--retrain-every", "0m"], ["--retrain-after", "0"],
                      ["--keep-models", "0"], ["--retrain-holdout", "first-1"], ["--admin-token-file", "/nonexistent"]] {
            #expect(throws: (any Error).self, "\(flags)") { try Movierec.parseAsRoot(["serve", "--db", db] + flags) }
        }
        #expect(try Movierec.parseAsRoot(["serve", "--db", db, "--retrain-every", "30m", "--retrain-after", "500"]) is ServeCommand)
    }
}
