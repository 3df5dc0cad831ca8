/// The parts of the service that keep it learning while it runs; each is optional so
/// that a plain service (tests, `serve` without a model directory) needs none.
public struct LiveLearning: Sendable {
    /// Reloads and retraining; feeds `/health` and `POST /admin/reload`.
    public var manager: ModelManager?
    /// Fold-in for users the model does not know; nil turns fold-in off.
    public var foldIn: FoldInCache?
    /// When set, `/admin/*` routes exist and require `Authorization: Bearer <token>`.
    public var adminToken: AdminToken?

    public init(manager: ModelManager? = nil, foldIn: FoldInCache? = nil, adminToken: AdminToken? = nil) {
        self.manager = manager
        self.foldIn = foldIn
        self.adminToken = adminToken
    }
}
