import ArgumentParser
import Foundation
import Ratings
import Store

/// `movierec import PATH`: streams a dataset into the store (SQLite or PostgreSQL) in one atomic import.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a rating dataset into the store (all or nothing).",
        discussion: """
            PATH is a dataset directory or one of its rating files. Formats: MovieLens 100k \
            (u.data), 1M (ratings.dat), latest/25M/32M (ratings.csv), RecBole atomic files \
            (*.inter) and Netflix Prize (combined_data_*.txt). Re-importing the same files \
            changes nothing; for each (user, movie) the newest rating wins. A malformed line \
            aborts the import with file:line and leaves the database unchanged.
            """)

    @Argument(help: "Dataset directory or rating file.")
    var path: String

    @Option(help: "SQLite database file (created if missing) or postgres://user@host:port/db.")
    var db = "movierec.sqlite"

    @Option(help: "Dataset format: auto, \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format = "auto"

    @Flag(help: "Only read and check the dataset; do not open the database.")
    var dryRun = false

    func validate() throws {
        guard format == "auto" || DatasetFormat(rawValue: format) != nil else {
            throw ValidationError("unknown format \"\(format)\"; expected auto or one of \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path): no such file or directory")
        }
    }

    func run() throws {
        try CommandFailure.reporting(db: db) {
            let reader = try openDataset(at: path, format: DatasetFormat(rawValue: format))
            if dryRun { return try check(reader) }
            let store = try RatingStores.open(db)
            let started = Date()
            var meter = ProgressMeter(started: started)
            let summary = try store.importDataset(reader) { meter.report($0) }
            meter.finish()
            let seconds = Date().timeIntervalSince(started)
            print(Self.describe(summary, format: reader.format, seconds: seconds, db: RatingStores.describe(db)))
        }
    }

    /// Parses every file as an import would, reporting counts and the parse rate.
    private func check(_ reader: any DatasetReader) throws {
        let started = Date()
        var meter = ProgressMeter(started: started)
        var rows = 0
        try reader.forEachRating(progress: { meter.report($0) }) { _ in rows += 1 }
        meter.finish()
        let seconds = Date().timeIntervalSince(started)
        let movies = try reader.movies().count
        let users = try reader.users().count
        print("checked \(reader.format.rawValue) at \(path): \(rows) ratings, \(movies) movies, \(users) users; "
              + "ratings parsed in \(String(format: "%.2f", seconds)) s, \(seconds > 0 ? Int(Double(rows) / seconds) : 0) rows/s")
    }

    static func describe(_ summary: ImportSummary, format: DatasetFormat, seconds: Double, db: String) -> String {
        let rate = seconds > 0 ? Int(Double(summary.ratingsRead) / seconds) : 0
        let r = summary.ratings
        return """
            imported \(format.rawValue) into \(db): \(summary.ratingsRead) ratings read, \
            \(r.inserted) inserted, \(r.updated) updated, \(r.unchanged) unchanged; \
            \(summary.moviesWritten) movies and \(summary.usersWritten) users written; \
            \(String(format: "%.2f", seconds)) s, \(rate) rows/s
            """
    }
}


/// Writes an in-place progress line to stderr at most four times a second, and only
/// for imports that last long enough to need one.
struct ProgressMeter {
    let started: Date
    private var lastPrinted: Date
    private var printed = false

    init(started: Date) {
        self.started = started
        lastPrinted = started
    }

    mutating func report(_ progress: ReadProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastPrinted) >= 0.25 else { return }
        lastPrinted = now
        printed = true
        let percent = Int(progress.fraction * 100)
        let rate = Int(Double(progress.rows) / max(now.timeIntervalSince(started), 1e-9))
        FileHandle.standardError.write(Data("\r\(percent)% \(progress.rows) ratings (\(rate) rows/s)   ".utf8))
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
