import Foundation
import Testing
import HTTP
import HTTPTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Many idle keep-alive connections must cost the server nothing but descriptors: a fresh client is
/// still answered at once, and once they close, every one of them is released.

/// Why an idle connection could not be opened, named for the failure message.
private struct IdleConnectionFailure: Error, CustomStringConvertible {
    let step: String
    let code: Int32

    var description: String {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
        return "\(step) failed: \(String(cString: strerror(code))) (\(open) descriptors open in this process)"
    }
}

/// Opens a keep-alive connection to the test server, asks one request on it and returns its
/// descriptor once answered. The answer proves the server admitted the connection: a connect alone
/// can complete in an overflowing accept queue that the server never drains.
private func connectIdle(port: Int) -> Result<Int32, IdleConnectionFailure> {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return .failure(IdleConnectionFailure(step: "socket", code: errno)) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    if result != 0 {
        let failure = IdleConnectionFailure(step: "connect", code: errno)
        Glibc.close(fd)
        return .failure(failure)
    }
    if let failure = answerFailure(fd) {
        Glibc.close(fd)
        return .failure(failure)
    }
    return .success(fd)
}

/// Sends `GET /hello` on `fd` and reads until its whole answer (which ends in the body `hello`);
/// nil once answered.
private func answerFailure(_ fd: Int32) -> IdleConnectionFailure? {
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let request = Array("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
    guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else {
        return IdleConnectionFailure(step: "send", code: errno)
    }
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 512)
    while !received.starts(with: Array("HTTP/1.1 200".utf8)) || !received.reversed().starts(with: Array("olleh".utf8)) {
        let count = recv(fd, &chunk, chunk.count, 0)
        if count == 0 { return IdleConnectionFailure(step: "recv (closed by the server)", code: 0) }
        guard count > 0 else { return IdleConnectionFailure(step: "recv", code: errno) }
        received += chunk[0..<count]
    }
    return nil
}

/// Opens up to `count` idle connections, stopping at the first failure, which it returns beside them.
private func openIdleConnections(_ count: Int, port: Int) -> (fds: [Int32], failure: IdleConnectionFailure?) {
    var fds: [Int32] = []
    fds.reserveCapacity(count)
    for _ in 0..<count {
        switch connectIdle(port: port) {
        case .success(let fd): fds.append(fd)
        case .failure(let failure): return (fds, failure)
        }
    }
    return (fds, nil)
}

/// Closes with a reset (SO_LINGER 0), so that thousands of test connections leave no TIME_WAIT
/// entries holding ephemeral ports for the next run.
private func closeAbruptly(_ fd: Int32) {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    Glibc.close(fd)
}

/// Raises the soft descriptor limit to the hard one (the server does the same in `start()`, and here
/// the test process is the server process) and returns it.
private func raisedDescriptorLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
    if limit.rlim_cur < limit.rlim_max {
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
    return Int(clamping: limit.rlim_cur)
}

/// A fresh connection that asked GET /hello, its answer, and how long that took.
private func freshRequest(port: Int) throws -> (client: RawClient, status: Int, seconds: Double) {
    let started = Date()
    let client = try RawClient(port: port, receiveTimeoutSeconds: 10)
    try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
    let status = try client.readResponse().status
    return (client, status, Date().timeIntervalSince(started))
}

@Test func manyIdleConnectionsDoNotStarveNewClients() throws {
    // Each connection costs two descriptors in this process (client and server side), and every
    // other suite runs alongside in the same process with its own servers, stores and pipes, so
    // half of the limit is left to them: N = 5,000 under the usual hard limit of 20,000.
    // Tests/python/test_idle_connections.py holds the full 10,000 against a real
    // `movierec serve` from a process of its own.
    let count = min(10_000, raisedDescriptorLimit() / 4)
    try #require(count > 0, "descriptor limit too low for the test")
    print("idle connections: N = \(count)")

    try withServer(configure: {
        $0.maxConnections = count + 1
        $0.idleTimeout = .seconds(60)
    }) { _, port in
        let opened = openIdleConnections(count, port: port)
        var idle = opened.fds
        defer { idle.forEach(closeAbruptly) }
        #expect(idle.count == count, "connection \(idle.count + 1): \(opened.failure.map(String.init(describing:)) ?? "")")

        // The one free place under maxConnections: a fresh client is answered promptly. Then,
        // with it still open, one more is past maxConnections and turned away, which shows every
        // idle connection was admitted, not merely queued in the backlog.
        do {
            let fresh = try freshRequest(port: port)
            #expect(fresh.status == 200)
            print("a fresh client behind \(count) idle connections was answered in \(fresh.seconds) s")
            try withExtendedLifetime(fresh.client) {
                let probe = try RawClient(port: port, receiveTimeoutSeconds: 10)
                try probe.send("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(try probe.readResponse().status == 503, "maxConnections + 1 must be turned away")
            }
        }

        idle.forEach(closeAbruptly)
        idle.removeAll()

        // All of them released: the whole allowance is available again, so N connections plus a
        // fresh client fit once more (a few tries, while the loops notice the resets).
        var status = 0
        for _ in 0..<5 where status != 200 {
            usleep(300_000)
            let again = openIdleConnections(count, port: port).fds
            defer { again.forEach(closeAbruptly) }
            status = try freshRequest(port: port).status
        }
        #expect(status == 200, "connections closed by their clients were not all released")
    }
}
