import HTTP
import Logging

/// One line per answered request at `info` — method, target, status, bytes, milliseconds and
/// the request id the answer carried — and the same request again at `warning` when it took
/// longer than `slowThreshold` seconds.
public struct AccessLog: Sendable {
    private let logger: Logger
    private let slowThreshold: Double

    public init(logger: Logger, slowThreshold: Double) {
        self.logger = logger
        self.slowThreshold = slowThreshold
    }

    public func record(_ record: HTTPRequestRecord) {
        let slow = record.duration > slowThreshold
        guard slow || logger.logLevel <= .info else { return }
        let metadata: Logger.Metadata = [
            "request_id": "\(record.requestID)", "method": "\(record.method.rawValue)", "target": "\(record.target)",
            "route": "\(record.route)", "status": .stringConvertible(record.status), "bytes": .stringConvertible(record.bytes),
            "duration_ms": .stringConvertible(Double(Int(record.duration * 1e6)) / 1e3),
        ]
        logger.info("request", metadata: metadata)
        if slow {
            logger.warning("slow request", metadata: metadata.merging(["threshold_ms": "\(slowThreshold * 1000)"]) { a, _ in a })
        }
    }
}
