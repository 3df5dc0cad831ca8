#if canImport(Glibc)
import Glibc
#endif

/// Creation of the non-blocking listening socket for a host literal and port.
enum ListeningSocket {
    static func open(host: String, port: Int, backlog: Int) throws -> Int32 {
        guard let port = UInt16(exactly: port) else { throw HTTPServerError.invalidPort(port) }
        let name = host == "localhost" ? "127.0.0.1" : host
        var ipv4 = sockaddr_in()
        var ipv6 = sockaddr_in6()
        let fd: Int32
        if inet_pton(AF_INET, name, &ipv4.sin_addr) == 1 {
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = in_port_t(port.bigEndian)
            fd = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        } else if inet_pton(AF_INET6, name, &ipv6.sin6_addr) == 1 {
            ipv6.sin6_family = sa_family_t(AF_INET6)
            ipv6.sin6_port = in_port_t(port.bigEndian)
            fd = try Syscalls.socket(domain: AF_INET6, type: Int32(SOCK_STREAM.rawValue))
        } else {
            throw HTTPServerError.invalidHost(host)
        }
        do {
            try Syscalls.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            if ipv4.sin_family == sa_family_t(AF_INET) {
                try withUnsafePointer(to: &ipv4) {
                    try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        try Syscalls.bind(fd, address: $0, length: socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            } else {
                try withUnsafePointer(to: &ipv6) {
                    try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        try Syscalls.bind(fd, address: $0, length: socklen_t(MemoryLayout<sockaddr_in6>.size))
                    }
                }
            }
            try Syscalls.listen(fd, backlog: Int32(clamping: backlog))
        } catch {
            Syscalls.close(fd)
            throw error
        }
        return fd
    }
}
