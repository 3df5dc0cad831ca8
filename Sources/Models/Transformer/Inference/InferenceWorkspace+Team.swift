import Linalg
import Threads

/// How workspaces work as a team on one pass: who runs which part, and how parts meet.
extension InferenceWorkspace {
    /// Runs `body` for each workspace of `team` with its part number, the first on this
    /// thread and each other on that workspace's partner thread, and returns when all are done.
    static func inParts(_ team: [InferenceWorkspace], _ body: (Int, InferenceWorkspace) -> Void) {
        PartnerThread.inParts(team.dropFirst().map(\.partner)) { part in body(part, team[part]) }
    }

    /// Adds the helpers' partial sums in `buffer` to this workspace's.
    func sumParts(_ team: [InferenceWorkspace], _ buffer: KeyPath<InferenceWorkspace, ScalarBuffer<Float>>, _ count: Int) {
        for helper in team.dropFirst() {
            BLAS.axpy(count, alpha: 1, x: helper[keyPath: buffer].pointer, y: self[keyPath: buffer].pointer)
        }
    }

    /// Part `part` of `count` equal blocks of 0..<size.
    static func range(_ part: Int, of count: Int, _ size: Int) -> Range<Int> {
        (size * part / count)..<(size * (part + 1) / count)
    }
}
