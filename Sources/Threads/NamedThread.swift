import Foundation

/// Starts a thread that runs `body` under `name`, the name `top -H`, perf, gdb and /proc show
/// (the kernel keeps 15 bytes). Foundation's `Thread.name` reaches the kernel only when set
/// on the running thread after the parent's `start()` has returned, a race the child can
/// lose, and a thread that loses it keeps the name of the thread that made it; so the new
/// thread writes its own name to /proc before anything else.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
        nameCurrentThread(name)
        body()
    }
    thread.name = name
    thread.start()
}

/// Names the calling thread for the kernel; a system without /proc keeps the old name.
func nameCurrentThread(_ name: String) {
    let bytes = Array(name.utf8.prefix(15))
    guard let file = FileHandle(forWritingAtPath: "/proc/thread-self/comm") else { return }
    defer { try? file.close() }
    try? file.write(contentsOf: bytes)
}
