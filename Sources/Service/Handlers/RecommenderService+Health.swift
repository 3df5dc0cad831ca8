import HTTP

extension RecommenderService {
    /// What degrades the service now: store writes failing, and the last background
    /// retraining having failed (the serving model stays, but the service stopped learning
    /// until a retraining succeeds).
    func currentFaults() -> [(kind: String, since: Int64, detail: String)] {
        var faults = storeFaults.current.map { (kind: $0.kind.rawValue, since: $0.since, detail: $0.detail) }
        if case let .failed(at, error)? = live.manager?.retrainState {
            faults.append((kind: "retraining_failed", since: Int64(at), detail: error))
        }
        return faults
    }

    /// `GET /health`: the serving model's identity and the store's size; with a model
    /// manager also the model's age, data fingerprint, ratings since and retraining state;
    /// and the limits in force (`configuration`).
    func health() throws -> HTTPResponse {
        let model = try servingModel()
        var writer = JSONWriter()
        writer.beginObject()
        let faults = currentFaults()
        writer.field("status", faults.isEmpty ? "ok" : "degraded")
        if !faults.isEmpty {
            writer.key("faults")
            writer.beginArray()
            for fault in faults {
                writer.beginObject()
                writer.field("kind", fault.kind)
                writer.field("since", fault.since)
                writer.field("detail", fault.detail)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.field("ratings_stored", try store.ratingCount())
        writer.key("model")
        writer.beginObject()
        writer.field("version", model.info.version)
        writer.key("kinds")
        writer.beginArray()
        for kind in model.info.kinds { writer.value(kind) }
        writer.endArray()
        if let created = model.info.created { writer.field("created", created) }
        writer.key("trained_on")
        writer.beginObject()
        writer.field("ratings", model.info.trainedOnRatings)
        writer.field("max_timestamp", model.info.trainedOnMaxTimestamp)
        writer.endObject()
        try writeLiveModelFields(model, into: &writer)
        writer.endObject()
        if let manager = live.manager { writeRetraining(manager.retrainState, into: &writer) }
        writeConfiguration(into: &writer)
        writer.endObject()
        return .json(bytes: writer.bytes)
    }

    /// `GET /metrics`: Prometheus text with request series, the model and the store.
    func metricsText() throws -> HTTPResponse {
        var text = metrics.exposition()
        text += "# HELP movierec_ratings_stored Ratings in the store.\n# TYPE movierec_ratings_stored gauge\n"
        text += "movierec_ratings_stored \(try store.ratingCount())\n"
        if let model = registry.current {
            text += "# HELP movierec_model_info The serving model (value is always 1).\n# TYPE movierec_model_info gauge\n"
            text += "movierec_model_info{version=\"\(RequestMetrics.escape(model.info.version))\"} 1\n"
            text += "# HELP movierec_model_trained_on_ratings Ratings the serving model was trained on.\n# TYPE movierec_model_trained_on_ratings gauge\n"
            text += "movierec_model_trained_on_ratings \(model.info.trainedOnRatings)\n"
        }
        text += try liveMetricsText()
        text += "# HELP movierec_store_fault Whether store writes fail now, by kind (1 while they do).\n# TYPE movierec_store_fault gauge\n"
        let active = Set(storeFaults.current.map(\.kind))
        for kind in StoreFaults.Kind.allCases { text += "movierec_store_fault{kind=\"\(kind.rawValue)\"} \(active.contains(kind) ? 1 : 0)\n" }
        text += "# HELP movierec_store_failed_writes_total Store writes that failed, by kind.\n# TYPE movierec_store_failed_writes_total counter\n"
        for kind in StoreFaults.Kind.allCases {
            text += "movierec_store_failed_writes_total{kind=\"\(kind.rawValue)\"} \(storeFaults.failedWriteCount(kind))\n"
        }
        var response = HTTPResponse.text(text)
        response.headers.replaceOrAdd(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
