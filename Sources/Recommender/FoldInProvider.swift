import Models

/// Solves MF parameters at request time for users MF was not trained on (or, by choice,
/// for known users with new ratings), from their history as the store has it now. The
/// service's implementation caches results per user and model version.
public protocol FoldInProvider: Sendable {
    /// The user's folded-in parameters, or nil when fold-in does not apply to them or none
    /// of their ratings is of a movie `model` knows.
    func folded(_ user: UserContext, in model: MatrixFactorizationModel, version: String) throws
        -> MatrixFactorizationModel.FoldedUser?
}
