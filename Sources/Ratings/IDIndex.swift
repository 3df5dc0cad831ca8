/// A bijection between raw ids and dense indices 0..<count, so that models can keep
/// embeddings in contiguous rows while everything outside a model speaks raw ids.
public struct IDIndex: Sendable, Equatable {
    public private(set) var ids: [Int64]
    private var positions: [Int64: Int32]

    public init() {
        ids = []
        positions = [:]
    }

    /// Builds the index in the order given; duplicates keep their first position.
    public init<S: Sequence>(_ rawIDs: S) where S.Element == Int64 {
        self.init()
        for id in rawIDs { insert(id) }
    }

    public var count: Int { ids.count }

    /// Adds `id` if new and returns its dense index either way.
    @discardableResult
    public mutating func insert(_ id: Int64) -> Int {
        if let known = positions[id] { return Int(known) }
        let position = ids.count
        ids.append(id)
        positions[id] = Int32(position)
        return position
    }

    public func index(of id: Int64) -> Int? {
        positions[id].map(Int.init)
    }

    public func id(at index: Int) -> Int64 { ids[index] }
}
