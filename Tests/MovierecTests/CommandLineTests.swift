import ArgumentParser
import Foundation
import Testing
@testable import movierec

@Suite struct CommandLineTests {
    @Test func rootHelpListsEverySubcommand() {
        let help = Movierec.helpMessage()
        for name in ["import", "train", "inspect", "serve"] {
            #expect(help.contains("  \(name) "), "help lacks \(name)")
        }
    }

    @Test func serveHelpIsPinned() {
        let help = Movierec.helpMessage(for: ServeCommand.self)
        #expect(help.contains("USAGE: movierec serve [--db <db>] [--model <model>] [--host <host>] [--port <port>]"))
        #expect(help.contains("--min-popular-ratings <min-popular-ratings>"))
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
