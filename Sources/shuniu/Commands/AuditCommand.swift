import ArgumentParser
import Foundation
import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// `shuniu audit ...`: integrity and receipts of the audit logs.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit chains; list who received a person's or entity's data.",
        subcommands: [AuditVerify.self, AuditCheckpointExport.self, AuditWhoReceived.self]
    )
}

/// `shuniu audit verify`.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every hash chain of audit.exchange and audit.access; exit 1 with the first break.",
        discussion: """
            Reads both audit topics to their ends and checks every record (hash, seq, prev, the hub's MAC, \
            numbers in range) and every link between chain segments; with --against DIR also every signed \
            checkpoint exported there (a history rewritten or truncated since). Needs the hub secret. \
            --since/--until bound the report by the records' own time field (never broker timestamps); every \
            record is still checked, since a chain cannot be checked from its middle.
            """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var bounds: AuditWindowOptions
    @Option(help: "A directory of checkpoint files from `shuniu audit checkpoint --export`.") var against: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let window = try bounds.window()
        let secret = try SecretOption.load()
        var checkpoints: [AuditCheckpoint] = []
        if let against {
            do {
                checkpoints = try AuditCheckpointFile.read(directory: against, hub: SigningKey.hub(secret).verifyingKey)
            } catch {
                Console.fail(error.description)
                throw ExitCode(1)
            }
        }
        let started = ContinuousClock.now
        let result = try await AuditVerification.read(client: broker.client(id: "shuniu-audit"), key: AuditKey(secret: secret),
                                                      window: window, checkpoints: checkpoints, progress: AuditOutput.progress)
        Console.endProgress()
        if json {
            try AuditOutput.json(result)
        } else {
            Console.say("audit verification, \(AuditOutput.describe(window)) (\(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s)")
            Table(header: ["log", "records", "in window", "chains", "segments", "duplicates", "breaks", "outside window"],
                  rows: result.logs.map {
                      [$0.topic, String($0.records), String($0.recordsInWindow), String($0.chains), String($0.segments),
                       String($0.duplicates), String($0.breaks.count), String($0.breaksOutsideWindow)]
                  }).print()
            if let first = result.breaks.first {
                Console.say("FIRST BREAK: \(first)\(first.time.map { " (record time \($0))" } ?? "")")
                for other in result.breaks.dropFirst().prefix(20) { Console.say("  also: \(other)") }
                if result.breaks.count > 21 { Console.say("  ... \(result.breaks.count - 21) more (--json lists all)") }
            } else if case let outside = result.logs.map(\.breaksOutsideWindow).reduce(0, +), outside > 0 {
                Console.say("no break in the window; \(outside) break(s) in records outside it: run without --since/--until to list them")
            } else {
                Console.say("intact: every chain verifies")
            }
        }
        if !result.isIntact { throw ExitCode(1) }
    }
}

/// `shuniu audit checkpoint --export DIR`.
struct AuditCheckpointExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write the verified head of every audit chain, signed by the hub, to a file outside Kafka.",
        discussion: """
            Copy the files to write-once storage: `shuniu audit verify --against DIR` then finds any history \
            rewritten or truncated after them. The files hold chain names, sequence numbers and hashes, no \
            personal data (mode 0644).
            """
    )

    @OptionGroup var broker: BrokerOptions
    @Option(help: "The directory to write the checkpoint file into (created if missing).") var export: String

    func run() async throws {
        let secret = try SecretOption.load()
        let (verification, checks) = try await AuditVerification.checked(client: broker.client(id: "shuniu-audit"),
                                                                         key: AuditKey(secret: secret), progress: AuditOutput.progress)
        Console.endProgress()
        let checkpoints = checks.flatMap { check in
            check.heads.map { AuditCheckpoint(topic: check.topic, chain: $0.key, seq: $0.value.seq, hash: $0.value.hash) }
        }
        let stamp = GrantSession.now()
        let key = SigningKey.hub(secret)
        let file = AuditCheckpointFile(exportedAt: stamp, hub: key.verifyingKey.id, checkpoints: checkpoints).signed(by: key)
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        let name = "audit-checkpoint-\(stamp.replacingOccurrences(of: ":", with: "-")).json"
        let path = "\(export)/\(name)"
        guard FileManager.default.createFile(atPath: path, contents: Data(ControlJSON.encode(file)), attributes: [.posixPermissions: 0o644]) else {
            Console.fail("cannot write \(path)")
            throw ExitCode(1)
        }
        Console.say("\(checkpoints.count) segment head(s) checkpointed to \(path), signed by \(key.verifyingKey.id)")
        if !verification.isIntact {
            Console.say("warning: the audit does not verify now (\(verification.breaks.count) break(s)): the checkpoint holds only records that verify; run `shuniu audit verify`")
        }
    }
}

/// `shuniu audit who-received`.
struct AuditWhoReceived: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-received",
        abstract: "Every delivery and every read of one person's or entity's data: department, grant, basis, time, fields.",
        discussion: """
            Matches the audit records' subject (the event's or the read's subject) only: a record about another \
            subject that merely names this id in a field (a spouse in a marriage record) is not listed. \
            The holder's e-licences are the exception: their rows are keyed by the licence number, so with the hub key \
            ($SHUNIU_HUB_KEY, or the hub secret) the holder's licence numbers are read from ctl.licences and their \
            deliveries listed too, marked with the licence. \
            Deliveries come from audit.exchange (decision delivered), reads from audit.access (every outcome).
            """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A citizen ID number (18 characters, GB 11643) or a unified social credit code (GB 32100).")
    var subject: String
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let id: SubjectID
        do {
            id = try SubjectID(validating: subject)
        } catch {
            throw ValidationError(error.message)
        }
        let licences: [String: String]?
        do {
            licences = try await Self.licenceNumbers(of: id.value, broker: broker, catalog: catalog)
        } catch {
            Console.fail("the licence register could not be read (\(error)); listing without the holder's licence rows")
            licences = nil
        }
        var ledger = ReceiptLedger(subject: id, standingFor: licences ?? [:])
        let scan = TopicScan(client: broker.client(id: "shuniu-audit"), progress: AuditOutput.progress)
        try await scan.scan([Topics.audit, Topics.access]) { ledger.add($0.value, topic: $0.topic, partition: $0.partition, offset: $0.offset) }
        Console.endProgress()
        let receipts = ledger.receipts
        if json {
            try AuditOutput.json(WhoReceivedReport(subject: id.value, kind: id.kind, recordsRead: ledger.recordsRead, receipts: receipts))
            return
        }
        Console.say("\(id.kind == .person ? "person" : "entity") \(id.value): \(receipts.count) receipt(s) in \(ledger.recordsRead) audit records"
                    + (licences.map { ", its \($0.count) licence(s) included" } ?? " (the holder's licence rows not included: no hub key ($SHUNIU_HUB_KEY) or no readable register)"))
        guard !receipts.isEmpty else { return }
        Table(header: ["time", "kind", "department", "theme", "grant", "basis", "fields", "outcome", "via", "copies"],
              rows: receipts.map {
                  [$0.time, $0.kind.rawValue, $0.department, $0.theme ?? "-", $0.grant ?? "-", $0.basis ?? "-",
                   $0.fields.joined(separator: ","), $0.outcome + ($0.action.map { $0 == "deleted" ? " (delete)" : "" } ?? ""),
                   $0.via, String($0.copies)]
              }).print()
    }
}

extension AuditWhoReceived {
    /// The holder's licence numbers in the register (number → `licence <number> (<type>)`), or
    /// nil when this machine has no hub key to check the register with.
    static func licenceNumbers(of holder: String, broker: BrokerOptions, catalog: CatalogOptions) async throws -> [String: String]? {
        let hub: VerifyingKey
        if let secret = try? HubSecret.fromEnvironment() {
            hub = SigningKey.hub(secret).verifyingKey
        } else if let text = ProcessInfo.processInfo.environment["SHUNIU_HUB_KEY"], let key = VerifyingKey(base64: text) {
            hub = key
        } else {
            return nil
        }
        let log = try LicenceLog(client: broker.client(id: "shuniu-audit"), hub: hub, catalogue: try catalog.load())
        try await log.catchUp()
        let entries = await log.register.licences(of: holder)
        await log.close()
        return Dictionary(entries.map { ($0.licence.number, "licence \($0.licence.number) (\($0.licence.licenceType))") },
                          uniquingKeysWith: { first, _ in first })
    }
}

/// The JSON of `shuniu audit who-received`.
struct WhoReceivedReport: Encodable {
    var subject: String
    var kind: SubjectID.Kind
    var recordsRead: Int
    var receipts: [Receipt]
}
