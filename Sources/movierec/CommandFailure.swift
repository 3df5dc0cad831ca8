/// A failed command: its message (a dataset's `file:line: …`, a database or model file
/// path and what is wrong with it) is printed and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
