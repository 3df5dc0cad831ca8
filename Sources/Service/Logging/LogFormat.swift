/// How log lines are written: `text` for a person reading a terminal or `docker logs`,
/// `json` (one object per line) for a log pipeline.
public enum LogFormat: String, CaseIterable, Sendable {
    case text
    case json
}
