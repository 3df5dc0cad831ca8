import Foundation

/// Request counts and latency histograms by route template, method and status, kept
/// for the Prometheus `/metrics` endpoint. Labels are route templates, never raw paths,
/// so a client probing random URLs cannot grow the series without bound.
public final class RequestMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    public static let bucketBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Series: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct Histogram {
        var buckets = [UInt64](repeating: 0, count: RequestMetrics.bucketBounds.count)
        var count: UInt64 = 0
        var sum: Double = 0
    }

    private let lock = NSLock()
    private var series: [Series: Histogram] = [:]

    public init() {}

    public func record(route: String, method: String, status: Int, seconds: Double) {
        let key = Series(route: route, method: method, status: status)
        lock.lock()
        defer { lock.unlock() }
        var histogram = series[key] ?? Histogram()
        histogram.count += 1
        histogram.sum += seconds
        if let bucket = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { histogram.buckets[bucket] += 1 }
        series[key] = histogram
    }

    /// The number of requests recorded for a route and status (for tests and health).
    public func count(route: String, method: String, status: Int) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return series[Series(route: route, method: method, status: status)]?.count ?? 0
    }

    /// Prometheus text exposition (format 0.0.4) of the request series.
    public func exposition() -> String {
        lock.lock()
        let snapshot = series
        lock.unlock()
        let ordered = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        var lines = [
            "# HELP movierec_http_requests_total HTTP requests answered, by route, method and status.",
            "# TYPE movierec_http_requests_total counter",
        ]
        for key in ordered {
            lines.append("movierec_http_requests_total{\(Self.labels(key))} \(snapshot[key]?.count ?? 0)")
        }
        lines.append("# HELP movierec_http_request_duration_seconds Time from a parsed request to its response.")
        lines.append("# TYPE movierec_http_request_duration_seconds histogram")
        for key in ordered {
            guard let histogram = snapshot[key] else { continue }
            let labels = Self.labels(key)
            var cumulative: UInt64 = 0
            for (bound, count) in zip(Self.bucketBounds, histogram.buckets) {
                cumulative += count
                lines.append("movierec_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("movierec_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.count)")
            lines.append("movierec_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)")
            lines.append("movierec_http_request_duration_seconds_count{\(labels)} \(histogram.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func labels(_ key: Series) -> String {
        "route=\"\(escape(key.route))\",method=\"\(escape(key.method))\",status=\"\(key.status)\""
    }

    /// Label values escape backslash, double quote and newline, as the format requires.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
