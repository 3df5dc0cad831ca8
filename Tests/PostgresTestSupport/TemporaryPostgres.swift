import Foundation

/// A throwaway PostgreSQL server for the tests of one process, started on first use by
/// `scripts/pg-temp.sh` (the same script the Python tests and benchmarks use) and
/// stopped when the process exits; the script's watchdog stops it even after a crash.
/// Each test takes a fresh database (`newDatabase()`), so tests run in parallel.
public final class TemporaryPostgres: @unchecked Sendable {
    /// Why there is no server: the script's message (exit status 3: no binaries).
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public let directory: String
    private let script: String
    private let lock = NSLock()
    private var databases = 0

    private init(directory: String, script: String) {
        self.directory = directory
        self.script = script
    }

    /// The process's server, or why it could not start (the reason is kept, so later
    /// callers fail fast with the same message).
    public static func shared() -> Result<TemporaryPostgres, Unavailable> {
        sharedLock.withLock {
            if let sharedResult { return sharedResult }
            let result = Result { try start() }.mapError { error in
                (error as? Unavailable) ?? Unavailable(description: String(describing: error))
            }
            sharedResult = result
            if case .success = result { atexit { TemporaryPostgres.stopShared() } }
            return result
        }
    }

    /// Whether a missing server must fail the tests rather than be reported as a known
    /// issue: in CI (`CI=true`) it must.
    public static var isRequired: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return value == "true" || value == "1"
    }

    /// A new empty database; returns its `postgres://` URL.
    public func newDatabase() throws -> String {
        let name = lock.withLock { () -> String in
            databases += 1
            return "test_\(ProcessInfo.processInfo.processIdentifier)_\(databases)"
        }
        return try Self.run(script, ["createdb", directory, name])
    }

    private nonisolated(unsafe) static var sharedResult: Result<TemporaryPostgres, Unavailable>?
    private static let sharedLock = NSLock()

    private static func stopShared() {
        guard case let .success(server)? = sharedResult else { return }
        _ = try? run(server.script, ["stop", server.directory])
        try? FileManager.default.removeItem(atPath: server.directory)
    }

    private static func start() throws -> TemporaryPostgres {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-temp.sh").path
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw Unavailable(description: "\(script) is missing")
        }
        let directory = NSTemporaryDirectory() + "movierec-pg-" + UUID().uuidString
        _ = try run(script, ["start", directory, "--watch", String(ProcessInfo.processInfo.processIdentifier)])
        return TemporaryPostgres(directory: directory, script: script)
    }

    /// Runs the script and returns its last output line; a failure throws its stderr.
    /// Spawned with `posix_spawn` and reaped with `waitpid` on the calling thread:
    /// Foundation's `Process` waits on a run loop, which hung inside the test runner.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let scratch = NSTemporaryDirectory() + "movierec-pg-run-" + UUID().uuidString
        defer {
            unlink(scratch + ".out")
            unlink(scratch + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else { throw Unavailable(description: "cannot run \(script): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
        let exitCode = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitCode == 0 else {
            throw Unavailable(description: "pg-temp.sh \(arguments.first ?? "") failed (status \(exitCode)): "
                              + err.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return out.split(separator: "\n").last.map(String.init) ?? ""
    }
}
