#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, named and with its `errno`, so a log line says which call failed and why
/// without a debugger (SwiftNIO's `IOError(errnoCode:reason:)` plays the same role).
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    /// The C function that failed, such as `"bind"`.
    public let call: String
    /// The `errno` value it left.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
