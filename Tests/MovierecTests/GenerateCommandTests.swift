import ArgumentParser
import Foundation
import Testing
@testable import movierec

@Suite struct GenerateCommandTests {
    @Test func badFormatsAndImpossibleSizesAreRejected() {
        for flags in [["--format", "csv"], ["--ratings", "10", "--users", "20"], ["--ratings", "101", "--users", "10", "--movies", "10"],
                      ["--noise", "-1"]] {
            var arguments = ["generate", "--ratings", "1000", "--users", "10", "--movies", "50", "--out", "/tmp/unused"]
            arguments += flags
            do {
                _ = try Movierec.parseAsRoot(arguments)
                Issue.record("accepted \(flags)")
            } catch {
                #expect(!Movierec.message(for: error).isEmpty)
            }
        }
    }

    @Test func writesADatasetTheImporterReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("movierec-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try #require(try Movierec.parseAsRoot(["generate", "--ratings", "500", "--users", "20", "--movies", "40",
                                                             "--format", "movielens-latest", "--out", directory.path]) as? GenerateCommand)
        try command.run()
        let ratings = try String(contentsOf: directory.appendingPathComponent("ratings.csv"), encoding: .utf8)
        #expect(ratings.split(separator: "\n").count == 501)
        #expect(ratings.hasPrefix("userId,movieId,rating,timestamp\n"))
        let movies = try String(contentsOf: directory.appendingPathComponent("movies.csv"), encoding: .utf8)
        #expect(movies.split(separator: "\n").count == 41)
    }
}
