extension ModelFile {
    private static let storeSequenceKey = "training.store_sequence"

    /// The store's write sequence number of the snapshot the model was trained on (see
    /// `RatingStore.changes(since:)`), so a server can count the ratings that arrived
    /// after it. Nil for files trained from dataset files or written before this key.
    public var storeSequence: Int64? {
        get { container.metadata[Self.storeSequenceKey].flatMap { Int64($0) } }
        set { container.metadata[Self.storeSequenceKey] = newValue.map { String($0) } }
    }
}
