import ArgumentParser
import Foundation
import HTTP
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

    @Test func serveHelpListsEveryLimitWithTodaysDefault() {
        let help = Movierec.helpMessage(for: ServeCommand.self)
        for (flag, value) in [("--max-request-line-bytes", "8192"), ("--max-header-bytes", "16384"), ("--max-header-fields", "100"),
                              ("--max-query-parameters", "100"), ("--max-body-bytes", "1048576"),
                              ("--max-chunk-extension-bytes", "16384"), ("--max-output-bytes", "1048576"),
                              ("--header-timeout", "10.0"), ("--body-timeout", "30.0"), ("--idle-timeout", "60.0"),
                              ("--write-timeout", "30.0"), ("--linger-timeout", "2.0"), ("--future-timestamp-tolerance", "86400")] {
            let name = String(flag.dropFirst(2))
            guard let line = help.components(separatedBy: "\n").firstIndex(where: { $0.contains("\(flag) <\(name)>") }) else {
                Issue.record("serve help lacks \(flag)")
                continue
            }
            let entry = help.components(separatedBy: "\n")[line...].prefix(4).joined(separator: " ")
            #expect(entry.contains("(default: \(value))"), "\(flag): \(entry)")
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

@Suite struct ServerLimitOptionsTests {
    @Test func limitsReachTheServerConfiguration() throws {
        let options = try ServerLimitOptions.parse(["--max-body-bytes", "2048", "--max-header-fields", "20",
                                                    "--max-output-bytes", "65536", "--write-timeout", "2.5",
                                                    "--linger-timeout", "0.5", "--max-chunk-extension-bytes", "0"])
        var configuration = HTTPServer.Configuration()
        options.apply(to: &configuration)
        #expect(configuration.limits == HTTPParserLimits(maxHeaderCount: 20, maxBodyBytes: 2048, maxChunkExtensionBytes: 0))
        #expect(configuration.maxOutputBytes == 65536)
        #expect(configuration.writeTimeout == .milliseconds(2500))
        #expect(configuration.lingerTimeout == .milliseconds(500))
        #expect(configuration.headerTimeout == .seconds(10))
    }

    @Test(arguments: [["--max-body-bytes", "0"], ["--max-output-bytes", "-1"], ["--header-timeout", "0"],
                      ["--write-timeout", "nan"], ["--idle-timeout", "100000"], ["--future-timestamp-tolerance", "-1"],
                      ["--max-chunk-extension-bytes", "-1"]])
    func badLimitsAreRejected(flags: [String]) {
        #expect(throws: (any Error).self, "\(flags)") { try ServerLimitOptions.parse(flags) }
    }
}
