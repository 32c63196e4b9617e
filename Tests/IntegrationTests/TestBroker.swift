import Foundation
import ShuniuKafka

/// A Tansu broker of a test's own, on a free port, started and stopped with `ops/broker.sh`:
/// full isolation (fixed topic names like `sub.<department>` start empty) and a process the
/// test may pause, kill or start late.
final class TestBroker: @unchecked Sendable {
    // @unchecked Sendable: `port` and `root` are immutable; the broker process is driven only
    // through ops/broker.sh, which is safe to call from any thread.
    let port: Int
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    /// Picks a free port; `start` defaults to true.
    init(start: Bool = true) throws {
        port = Self.freePort()
        if start { try self.start() }
    }

    var bootstrap: String { "127.0.0.1:\(port)" }
    var client: KafkaClientConfig { KafkaClientConfig(bootstrapServers: bootstrap, clientID: "shuniu-it") }

    /// The broker's process id (for SIGSTOP / SIGCONT / SIGKILL).
    var pid: Int32? {
        let file = Self.root.appendingPathComponent(".shuniu/broker-\(port)/tansu.pid")
        return (try? String(contentsOf: file, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func start() throws { try Self.script("start", port: port) }

    /// Stops the broker and removes its folder (pid and log) under `.shuniu/`.
    func stop() {
        try? Self.script("stop", port: port)
        try? FileManager.default.removeItem(at: Self.root.appendingPathComponent(".shuniu/broker-\(port)"))
    }

    /// SIGSTOP: the process keeps its sockets open but answers nothing.
    func pause() { if let pid { kill(pid, SIGSTOP) } }

    /// SIGCONT.
    func resume() { if let pid { kill(pid, SIGCONT) } }

    deinit { stop() }

    private static func script(_ command: String, port: Int) throws {
        let path = root.appendingPathComponent("ops/broker.sh").path
        let pid = try ChildProcess.spawn([path, command, "--port", String(port)])
        let exitCode = ChildProcess.wait(pid)
        if exitCode != 0 {
            throw BrokerUnavailable(message: "ops/broker.sh \(command) --port \(port) exited \(exitCode)")
        }
    }

    /// A TCP port nothing listens on now (the kernel's pick for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : 29_092
    }
}

/// Where the built `shuniu` executable is, for tests that run it as a separate process.
enum ShuniuBinary {
    static var url: URL { TestBroker.root.appendingPathComponent(".build/debug/shuniu") }
}

/// Child processes for tests, with posix_spawn and waitpid (Foundation's
/// `Process.waitUntilExit` can miss a child's exit inside the test runner and hang).
enum ChildProcess {
    /// Starts `arguments[0]` with the rest as arguments; stdout goes to `output` (a file path)
    /// or /dev/null; `environment` entries are added to this process's environment.
    static func spawn(_ arguments: [String], environment: [String: String] = [:], output: String = "/dev/null") throws -> pid_t {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp) == 0 else {
            throw BrokerUnavailable(message: "cannot run \(arguments[0])")
        }
        return pid
    }

    /// Waits for `pid` to end; returns its exit code (128 + signal when killed).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
