import Foundation
import ShuniuKafka
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A Tansu broker of one test's own, on a free port, started and stopped with `ops/broker.sh`,
/// so the outage tests can pause or delay it without touching the shared test broker.
struct AdapterOwnBroker {
    let port: Int
    var bootstrap: String { "127.0.0.1:\(port)" }
    var client: KafkaClientConfig { KafkaClientConfig(bootstrapServers: bootstrap, clientID: "shuniu-it-own") }

    /// Picks a free port; the broker is not started yet.
    init() throws {
        port = try Self.freePort()
    }

    func start() throws { try script("start") }

    /// Stops the broker and removes its folder (pid and log) under `.shuniu/`.
    func stop() throws {
        try script("stop")
        try? FileManager.default.removeItem(at: AdapterFixture.repositoryRoot.appendingPathComponent(".shuniu/broker-\(port)"))
    }

    /// SIGSTOP: the process keeps its sockets open but answers nothing.
    func pause() throws { try signal(SIGSTOP) }

    /// SIGCONT.
    func resume() throws { try signal(SIGCONT) }

    private func signal(_ number: Int32) throws {
        let pidFile = AdapterFixture.repositoryRoot.appendingPathComponent(".shuniu/broker-\(port)/tansu.pid")
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(kill(pid, number) == 0)
    }

    /// Runs `ops/broker.sh <command> --port <port>` and waits for it. `system` rather than
    /// `Process`: Foundation's `waitUntilExit` never returned here once the script had left the
    /// broker running in the background.
    private func script(_ command: String) throws {
        let script = AdapterFixture.repositoryRoot.appendingPathComponent("ops/broker.sh").path
        let status = system("'\(script)' \(command) --port \(port) >/dev/null")
        try #require(status == 0, "ops/broker.sh \(command) --port \(port) failed (status \(status))")
    }

    /// Reads `topic` of this broker from the beginning to the end of every partition
    /// (`Broker.readAll` reads the shared broker only).
    func readAll(_ topic: String, partitions: Int, timeout: Duration = .seconds(60)) async throws -> [ConsumerMessage] {
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic: topic, partition: Int32($0), offset: .beginning) })
        var messages: [ConsumerMessage] = []
        var ended = Set<Int32>()
        let deadline = ContinuousClock.now + timeout
        while ended.count < partitions && ContinuousClock.now < deadline {
            let batch = try await consumer.poll(maxMessages: 10_000)
            messages += batch.messages
            for eof in batch.endOfPartition { ended.insert(eof.partition) }
        }
        await consumer.close()
        return messages
    }

    /// A TCP port nothing listens on now (the kernel's pick for port 0).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        try #require(bound, "no free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
