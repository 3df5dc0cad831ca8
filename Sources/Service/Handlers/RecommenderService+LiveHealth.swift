import Foundation

extension RecommenderService {
    /// Inside `model`: `age_seconds`, `fingerprint` and `ratings_since` when the model
    /// manager knows the serving model (it installed it).
    func writeLiveModelFields(_ model: ServingModel, into writer: inout JSONWriter) throws {
        guard let manager = live.manager, let record = manager.serving, record.version == model.info.version else { return }
        writer.field("file", record.file)
        if let created = record.createdAt {
            writer.field("age_seconds", max(0, Int64(Date().timeIntervalSince1970 - created)))
        }
        writer.field("fingerprint", record.fingerprint)
        if let rmse = record.validationRMSE { writer.field("validation_rmse", rmse) }
        writer.field("ratings_since", try manager.ratingsSinceServing() ?? 0)
    }

    /// `retraining`: `{"state": never|running|succeeded|rejected|failed, "at": ISO 8601,
    /// "detail": reason or error}`.
    func writeRetraining(_ state: RetrainState, into writer: inout JSONWriter) {
        writer.key("retraining")
        writer.beginObject()
        writer.field("state", state.name)
        if let at = state.at {
            let formatter = ISO8601DateFormatter()
            writer.field("at", formatter.string(from: Date(timeIntervalSince1970: at)))
        }
        if case let .succeeded(_, version) = state { writer.field("version", version) }
        if let detail = state.detail { writer.field("detail", detail) }
        writer.endObject()
    }
}
