#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A minimal HTTP listener that answers `GET /metrics` with Prometheus text (anything else:
/// 404). One blocking accept loop on a thread of its own; it stops on graceful shutdown.
public final class MetricsEndpoint: Service, Sendable {
    private let host: String
    private let port: Int
    private let render: @Sendable () -> String
    private let logger: Logger
    private let socketFD = Atomic<Int32>(-1)

    /// Serves `render()` on `host:port` (`127.0.0.1` by default: metrics stay on the machine
    /// unless asked otherwise).
    public init(host: String = "127.0.0.1", port: Int, logger: Logger, render: @escaping @Sendable () -> String) {
        self.host = host
        self.port = port
        self.render = render
        self.logger = logger
    }

    public func run() async throws {
        let fd = try listen()
        socketFD.store(fd, ordering: .releasing)
        logger.info("metrics on http://\(host):\(port)/metrics")
        let thread = Thread { [self] in self.acceptLoop(fd) }
        thread.name = "shuniu.metrics"
        thread.start()
        try? await gracefulShutdown()
        let open = socketFD.exchange(-1, ordering: .acquiringAndReleasing)
        if open >= 0 {
            shutdown(open, Int32(SHUT_RDWR))
            close(open)
        }
    }

    private func listen() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else {
            close(fd)
            throw MetricsEndpointError(message: "cannot listen on \(host):\(port) for metrics (\(String(cString: strerror(errno)))); choose another --metrics-port")
        }
        return fd
    }

    private func acceptLoop(_ fd: Int32) {
        while socketFD.load(ordering: .acquiring) == fd {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            var request = [UInt8](repeating: 0, count: 2048)
            let count = read(client, &request, request.count)
            let line = String(decoding: request.prefix(max(count, 0)), as: UTF8.self).prefix { $0 != "\r" && $0 != "\n" }
            let found = line.hasPrefix("GET /metrics")
            let body = found ? render() : "not found; try /metrics\n"
            let head = "HTTP/1.1 \(found ? "200 OK" : "404 Not Found")\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
            let response = Array((head + body).utf8)
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
    }
}

/// The metrics listener could not start.
public struct MetricsEndpointError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String
    public var description: String { message }
}
