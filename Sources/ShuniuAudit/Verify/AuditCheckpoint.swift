import Foundation
import ShuniuModel

/// Where an audit chain segment stood: its `seq` and `hash`, on `topic`.
public struct AuditCheckpoint: Sendable, Hashable, Codable {
    /// The audit topic.
    public var topic: String
    /// The segment (`<chain>#<n>`).
    public var chain: String
    /// The last `seq` verified.
    public var seq: Int64
    /// Its `hash`.
    public var hash: String

    /// A checkpoint.
    public init(topic: String, chain: String, seq: Int64, hash: String) {
        self.topic = topic
        self.chain = chain
        self.seq = seq
        self.hash = hash
    }
}

/// A file of checkpoints signed by the hub (`shuniu audit checkpoint --export DIR`), kept
/// outside Kafka (ops copy it to write-once storage). `audit verify --against DIR` finds a
/// history rewritten or truncated after it, even by someone holding the hub secret then.
public struct AuditCheckpointFile: Sendable, Hashable, Codable {
    /// When it was exported (RFC 3339).
    public var exportedAt: String
    /// The hub key that signed it (`k-...`).
    public var hub: String
    /// The verified head of every segment of every audit log.
    public var checkpoints: [AuditCheckpoint]
    /// The hub's Ed25519 signature (base64) over the file without this field.
    public var signature: String?

    /// The largest checkpoint file read (a line per segment; 64 MiB is millions of segments).
    public static let maximumSize = 64 << 20

    /// Checkpoints to sign.
    public init(exportedAt: String, hub: String, checkpoints: [AuditCheckpoint]) {
        self.exportedAt = exportedAt
        self.hub = hub
        self.checkpoints = checkpoints.sorted { ($0.topic, $0.chain) < ($1.topic, $1.chain) }
    }

    private var canonical: [UInt8] {
        var unsigned = self
        unsigned.signature = nil
        return ControlJSON.encode(unsigned)
    }

    /// The file signed by the hub key `key`.
    public func signed(by key: SigningKey) -> AuditCheckpointFile {
        var file = self
        file.signature = Data(key.sign(canonical, in: .auditCheckpoint)).base64EncodedString()
        return file
    }

    /// True when the hub key `hub` signed exactly this file.
    public func isSigned(by hub: VerifyingKey) -> Bool {
        guard let signature, let bytes = Data(base64Encoded: signature) else { return false }
        return hub.verifies(Array(bytes), of: canonical, in: .auditCheckpoint)
    }

    /// Why checkpoints cannot be used.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// Every checkpoint of the `*.json` files in `directory`, each file's signature checked
    /// with `hub`; a file that is unreadable or not signed by the hub is an error.
    public static func read(directory: String, hub: VerifyingKey) throws(Problem) -> [AuditCheckpoint] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw Problem(description: "cannot read the checkpoint directory \(directory)")
        }
        var all: [AuditCheckpoint] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = "\(directory)/\(name)"
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= maximumSize, let data = FileManager.default.contents(atPath: path),
                  let file = try? JSONDecoder().decode(AuditCheckpointFile.self, from: data) else {
                throw Problem(description: "\(path) is not an audit checkpoint file")
            }
            guard file.isSigned(by: hub) else {
                throw Problem(description: "\(path) is not signed by the hub key \(hub.id): it was altered, or exported by another hub")
            }
            all += file.checkpoints
        }
        guard !all.isEmpty else { throw Problem(description: "no checkpoint file (*.json) in \(directory); export one with `shuniu audit checkpoint --export \(directory)`") }
        return all
    }
}
