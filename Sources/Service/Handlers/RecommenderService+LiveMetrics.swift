extension RecommenderService {
    /// Prometheus series of the model manager: ratings since the serving model, the last
    /// retraining's state (one series per state, the current one 1) and when it ended.
    func liveMetricsText() throws -> String {
        guard let manager = live.manager else { return "" }
        var text = "# HELP movierec_ratings_since_model Rating writes since the serving model's snapshot.\n"
        text += "# TYPE movierec_ratings_since_model gauge\n"
        text += "movierec_ratings_since_model \(try manager.ratingsSinceServing() ?? 0)\n"
        let state = manager.retrainState
        text += "# HELP movierec_retraining_state The last background retraining's state (1 for the current one).\n"
        text += "# TYPE movierec_retraining_state gauge\n"
        for name in ["never", "running", "succeeded", "rejected", "failed"] {
            text += "movierec_retraining_state{state=\"\(name)\"} \(state.name == name ? 1 : 0)\n"
        }
        if let at = state.at {
            text += "# HELP movierec_retraining_timestamp_seconds When the last retraining started (running) or ended.\n"
            text += "# TYPE movierec_retraining_timestamp_seconds gauge\n"
            text += "movierec_retraining_timestamp_seconds \(at)\n"
        }
        return text
    }
}
