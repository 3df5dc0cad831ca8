/// Runs closures on process signals through the server's self-pipe relay (the one behind
/// `HTTPServer.stopOnSignals`), so an application can react to, say, SIGHUP without
/// installing a second handler: the signal handler only writes to a pipe, and the closure
/// runs later on the relay's ordinary watcher thread, where it may lock, allocate and log.
public enum ProcessSignals {
    /// Calls `action` with the signal number each time one of `signals` arrives,
    /// replacing their default action. Several closures may watch one signal.
    public static func on(_ signals: [Int32], _ action: @escaping @Sendable (Int32) -> Void) throws {
        try SignalRelay.shared.watch(signals, callback: action)
    }
}
