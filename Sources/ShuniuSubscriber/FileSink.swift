import Foundation
import ShuniuKafka

/// Writes deliveries as lines to a file, exactly once across restarts and kill -9; or to stdout.
///
/// A file `OUT` has two companions: `OUT.ids` (the grant and `ce_id` of each line written, for
/// dedupe) and `OUT.state` (JSON: the committed lengths of both files, the next offset per
/// partition, the refusals so far). A batch is appended to `OUT` and `OUT.ids`, both are fsync'd,
/// then `OUT.state` is replaced atomically (write, fsync, rename). On open, both files are cut
/// back to the lengths in `OUT.state`: a torn or unconfirmed tail is removed and read again from
/// Kafka. So a kill -9 at any point neither loses nor repeats a line.
///
/// Without a file (stdout) nothing is kept: repeats are skipped within a run, and a restart
/// resumes from the consumer group's commits (at least once).
public final class FileSink: DeliverySink {
    private let format: DeliveryFormat
    private let output: FileHandleFD
    private let ids: FileHandleFD?
    private let statePath: String?
    private var state: FileSinkState
    private var seen: Set<String> = []

    /// Stdout, in `format`.
    public init(stdout format: DeliveryFormat) throws(SubscriberError) {
        self.format = format
        output = FileHandleFD(fd: 1, path: "stdout")
        ids = nil
        statePath = nil
        state = FileSinkState()
        try output.append(format.header)
    }

    /// The file at `path`, created with its companions or resumed from them.
    public init(path: String, format: DeliveryFormat) throws(SubscriberError) {
        self.format = format
        statePath = path + ".state"
        let manager = FileManager.default
        if let data = manager.contents(atPath: path + ".state") {
            guard let decoded = try? JSONDecoder().decode(FileSinkState.self, from: data), decoded.format == format.rawValue else {
                throw SubscriberError(code: "bad-state", message: "\(path).state is not a subscriber state file for \(format.rawValue) output; write to another --out, or delete \(path) and its .ids/.state files to start over")
            }
            state = decoded
            output = try FileHandleFD(path: path, truncateTo: decoded.outputLength)
            let idsHandle = try FileHandleFD(path: path + ".ids", truncateTo: decoded.idsLength)
            ids = idsHandle
            for line in try idsHandle.readAll().split(separator: 0x0A) { seen.insert(String(decoding: line, as: UTF8.self)) }
        } else {
            if let attributes = try? manager.attributesOfItem(atPath: path), (attributes[.size] as? Int ?? 0) > 0 {
                throw SubscriberError(code: "existing-output", message: "\(path) exists and has no \(path).state: it was not written by `shuniu subscribe`; choose another --out or remove the file")
            }
            output = try FileHandleFD(path: path, truncateTo: 0)
            ids = try FileHandleFD(path: path + ".ids", truncateTo: 0)
            state = FileSinkState(format: format.rawValue)
            try output.append(format.header)
            try output.sync()
            state.outputLength = Int64(format.header.count)
            try saveState()
        }
    }

    public var positions: [TopicPartition: Int64]? {
        statePath == nil ? nil : state.partitionPositions
    }

    public var refusedTotal: Int { state.refused }

    public func write(_ batch: SubscriberBatch) throws -> SinkResult {
        var result = SinkResult()
        var lines: [UInt8] = []
        var written: [UInt8] = []
        for delivery in batch.deliveries {
            guard seen.insert(delivery.dedupeKey).inserted else {
                result.duplicates += 1
                continue
            }
            lines += format.line(delivery)
            written += Array(delivery.dedupeKey.utf8) + [0x0A]
            result.written += 1
        }
        try output.append(lines)
        guard let ids else { return result }
        try ids.append(written)
        try output.sync()
        try ids.sync()
        state.outputLength += Int64(lines.count)
        state.idsLength += Int64(written.count)
        state.refused += batch.refusals.count
        for (partition, next) in batch.positions { state.positions["\(partition.topic)/\(partition.partition)"] = next }
        try saveState()
        return result
    }

    /// Replaces the state file atomically: write a temporary file, fsync, rename over.
    private func saveState() throws(SubscriberError) {
        guard let statePath else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(state) else { throw SubscriberError(code: "io", message: "cannot encode the state") }
        let temporary = statePath + ".tmp"
        let handle = try FileHandleFD(path: temporary, truncateTo: 0)
        try handle.append(Array(data))
        try handle.sync()
        guard rename(temporary, statePath) == 0 else {
            throw SubscriberError(code: "io", message: "cannot rename \(temporary) to \(statePath): \(String(cString: strerror(errno)))")
        }
        // The rename itself survives a power cut only once the directory is synced.
        let directory = open((statePath as NSString).deletingLastPathComponent.isEmpty ? "." : (statePath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }
}

/// What `OUT.state` holds.
struct FileSinkState: Codable {
    var format = DeliveryFormat.jsonl.rawValue
    var outputLength: Int64 = 0
    var idsLength: Int64 = 0
    /// `topic/partition` → next offset.
    var positions: [String: Int64] = [:]
    var refused = 0

    var partitionPositions: [TopicPartition: Int64] {
        var result: [TopicPartition: Int64] = [:]
        for (key, next) in positions {
            guard let slash = key.lastIndex(of: "/"), let partition = Int32(key[key.index(after: slash)...]) else { continue }
            result[TopicPartition(topic: String(key[..<slash]), partition: partition)] = next
        }
        return result
    }
}
