import Foundation

/// Holds the model that serves requests. Readers take a reference and keep it for the
/// whole request; a swap replaces the reference atomically, so requests in flight finish
/// on the model they started with and none waits on a load.
public final class ModelRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var serving: ServingModel?

    public init(_ model: ServingModel? = nil) {
        serving = model
    }

    public var current: ServingModel? {
        lock.lock()
        defer { lock.unlock() }
        return serving
    }

    /// Makes `model` the serving one and returns the one it replaced.
    @discardableResult
    public func swap(to model: ServingModel) -> ServingModel? {
        lock.lock()
        defer { lock.unlock() }
        let previous = serving
        serving = model
        return previous
    }
}
