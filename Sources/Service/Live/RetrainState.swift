/// What the last background retraining did, for `/health` and the log.
public enum RetrainState: Sendable, Equatable {
    case never
    /// Started at `since` (seconds since 1970).
    case running(since: Double)
    /// Trained, validated and swapped in `version`.
    case succeeded(at: Double, version: String)
    /// Trained but not served: its validation was worse than the serving model's.
    case rejected(at: Double, reason: String)
    /// Training, writing or loading threw; the old model keeps serving.
    case failed(at: Double, error: String)

    /// `never`, `running`, `succeeded`, `rejected` or `failed`.
    public var name: String {
        switch self {
        case .never: return "never"
        case .running: return "running"
        case .succeeded: return "succeeded"
        case .rejected: return "rejected"
        case .failed: return "failed"
        }
    }

    /// When it started (running) or ended (the others).
    public var at: Double? {
        switch self {
        case .never: return nil
        case let .running(since): return since
        case let .succeeded(at, _), let .rejected(at, _), let .failed(at, _): return at
        }
    }

    /// The rejection reason or the error.
    public var detail: String? {
        switch self {
        case let .rejected(_, reason): return reason
        case let .failed(_, error): return error
        default: return nil
        }
    }
}
