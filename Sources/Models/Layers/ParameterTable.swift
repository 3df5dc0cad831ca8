/// Where each named tensor lives in the one flat parameter buffer. Names are the
/// PyTorch `state_dict` keys of the notebook's `BstTransformer`, so saving, loading and
/// the optimiser are single loops over this table.
public struct ParameterTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        /// False for BatchNorm running statistics: stored and saved, never optimised.
        public let trainable: Bool
        public var count: Int { shape.reduce(1, *) }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var totalCount = 0
    private var positions: [String: Int] = [:]

    /// Appends a tensor and returns its offset.
    @discardableResult
    mutating func add(_ name: String, _ shape: [Int], trainable: Bool = true) -> Int {
        let offset = totalCount
        positions[name] = entries.count
        entries.append(Entry(name: name, shape: shape, offset: offset, trainable: trainable))
        totalCount += shape.reduce(1, *)
        return offset
    }

    public func entry(named name: String) -> Entry? {
        positions[name].map { entries[$0] }
    }
}
