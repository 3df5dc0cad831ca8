/// How far a rating scan has come, reported after each chunk of bytes so that a
/// long import can show a progress line without the reader knowing about terminals.
public struct ReadProgress: Sendable, Equatable {
    /// Ratings delivered so far (all rating files together).
    public var rows: Int
    /// Bytes consumed so far across all rating files.
    public var bytesRead: Int
    /// Total size of all rating files, known before the scan starts.
    public var totalBytes: Int

    public init(rows: Int, bytesRead: Int, totalBytes: Int) {
        self.rows = rows
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// Fraction done in 0…1 (1 for empty inputs).
    public var fraction: Double {
        totalBytes > 0 ? Double(bytesRead) / Double(totalBytes) : 1
    }
}
