import Foundation

/// The bearer token that guards `/admin/*`. Compared in constant time so that response
/// timing does not reveal how much of a guess was right; never logged or described.
public struct AdminToken: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// Nil for an empty token (surrounding whitespace, such as a file's newline, is dropped).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }

    /// Whether `candidate` is the token, in time that depends only on the lengths.
    public func matches(_ candidate: some Collection<UInt8>) -> Bool {
        var difference = bytes.count ^ candidate.count
        var index = 0
        for byte in candidate {
            difference |= Int(byte ^ bytes[index % bytes.count])
            index += 1
        }
        return difference == 0
    }

    public var description: String { "AdminToken(redacted)" }
}
