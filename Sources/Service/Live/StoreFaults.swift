import Foundation
import HTTP
import Logging
import Store

/// Faults of the ratings store seen by writes — its disk full, I/O errors — kept while they
/// last: `/health` reports `degraded` with each one and when it began, `/metrics` a gauge
/// per kind and a counter of failed writes, and the log a line when one begins and when it
/// ends. The next write that commits ends them: the service recovers without a restart.
public final class StoreFaults: @unchecked Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case diskFull = "disk_full"
        case ioError = "io_error"
    }

    public struct Fault: Sendable, Equatable {
        public var kind: Kind
        /// Seconds since 1970 when the fault was first seen.
        public var since: Int64
        public var detail: String
    }

    private let lock = NSLock()
    private var active: [Kind: Fault] = [:]
    private var failedWrites: [Kind: Int] = [:]
    private let logger: Logger

    public init(logger: Logger = .silent("movierec.store")) {
        self.logger = logger
    }

    /// Runs a store write; a disk-full or I/O failure is recorded and becomes the client's
    /// answer (507 or 503, nothing of the request stored), a success ends any fault.
    func write<T>(now: Int64, _ body: () throws -> T) throws -> T {
        let result: T
        do {
            result = try body()
        } catch let error as SQLiteError {
            guard let kind = Self.kind(of: error) else { throw error }
            record(kind, detail: error.message, now: now)
            throw Self.answer(kind, detail: error.message)
        }
        recovered()
        return result
    }

    public var current: [Fault] {
        lock.withLock { Kind.allCases.compactMap { active[$0] } }
    }

    public func failedWriteCount(_ kind: Kind) -> Int {
        lock.withLock { failedWrites[kind, default: 0] }
    }

    private func record(_ kind: Kind, detail: String, now: Int64) {
        let began = lock.withLock { () -> Bool in
            failedWrites[kind, default: 0] += 1
            guard active[kind] == nil else { return false }
            active[kind] = Fault(kind: kind, since: now, detail: detail)
            return true
        }
        if began {
            logger.error("store writes fail; answering them \(kind == .diskFull ? "507" : "503") until one commits, reads go on",
                         metadata: ["fault": "\(kind.rawValue)", "detail": "\(detail)"])
        }
    }

    private func recovered() {
        let ended = lock.withLock { () -> [Kind] in
            guard !active.isEmpty else { return [] }
            defer { active.removeAll() }
            return Array(active.keys)
        }
        for kind in ended { logger.notice("store writes commit again", metadata: ["fault": "\(kind.rawValue)"]) }
    }

    private static func kind(of error: SQLiteError) -> Kind? {
        error.isDiskFull ? .diskFull : error.isIOError ? .ioError : nil
    }

    private static func answer(_ kind: Kind, detail: String) -> HTTPError {
        switch kind {
        case .diskFull:
            return HTTPError(status: .insufficientStorage, code: "insufficient_storage",
                             message: "the ratings store's disk is full (\(detail)); nothing of this request was stored")
        case .ioError:
            return HTTPError(status: .serviceUnavailable, code: "storage_error",
                             message: "the ratings store failed to write (\(detail)); nothing of this request was stored",
                             headers: ["Retry-After": "1"])
        }
    }
}
