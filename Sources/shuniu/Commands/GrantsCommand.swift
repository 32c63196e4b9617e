import ArgumentParser
import Foundation
import ShuniuModel
import ShuniuStreams

/// `shuniu grants ...`: the share-by-function workflow on `ctl.grants`.
struct GrantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "Apply for, decide on, arbitrate, revoke and list grants (events on ctl.grants).",
        subcommands: [GrantApply.self, GrantApprove.self, GrantReject.self, GrantArbitrate.self, GrantRevoke.self, GrantList.self]
    )
}

/// The catalogue, the grant log caught up, and a clock: what every grants command needs.
struct GrantSession {
    let catalogue: Catalogue
    let log: GrantLog

    init(catalog: CatalogOptions, broker: BrokerOptions) async throws {
        catalogue = try catalog.load()
        log = try GrantLog(client: broker.client(id: "shuniu-grants"), catalogue: catalogue)
        try await log.catchUp()
    }

    var workflow: GrantWorkflow { GrantWorkflow(catalogue: catalogue) }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Runs a workflow step; a refusal becomes a clear error and exit code 1.
    func record(_ make: (GrantTable) throws(GrantRefusal) -> [GrantEvent]) async throws -> [GrantEvent] {
        let table = await log.table
        let events: [GrantEvent]
        do {
            events = try make(table)
        } catch {
            Console.say("refused (\(error.code)): \(error.message)")
            throw ExitCode(1)
        }
        try await log.append(events)
        await log.close()
        return events
    }
}

struct GrantApply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply for a theme for one of your functions; prints the grant id.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(name: .customLong("as"), help: "The applying (subscribing) department.") var department: String
    @Option(help: "The theme.") var theme: String
    @Option(help: "The legal function the data serves.") var function: String
    @Option(help: "Fields, comma-separated.") var fields: String
    @Option(help: "field=rule (partial, partial:F:L, pseudonym, year, drop); repeatable.") var mask: [String] = []
    @Option(help: "field=value[|value...] row scope; repeatable.") var scope: [String] = []
    @Option(help: "The legal basis.") var basis: String
    @Option(help: "Last day of validity, YYYY-MM-DD.") var until: String?

    func run() async throws {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let application = GrantApplication(
            subscriber: department, theme: theme, function: function, basis: basis,
            fields: fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            masks: try Self.pairs(mask, "--mask").mapValues { $0 },
            scope: try Self.pairs(scope, "--scope").mapValues { $0.split(separator: "|").map(String.init) },
            until: until)
        let id = "g-" + String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
        let events = try await session.record { table throws(GrantRefusal) in
            try session.workflow.apply(application, id: id, at: GrantSession.now(), table: table)
        }
        Console.say(id)
        Console.say(events.contains { $0.kind == .approved } ? "approved at once: \(events.last?.reason ?? "")"
                    : "applied; waiting for the provider's decision")
    }

    static func pairs(_ items: [String], _ option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("\(option) \(item): write field=value")
            }
            result[parts[0]] = parts[1]
        }
        return result
    }
}

/// What `grants approve` and `grants reject` share: the grant, the provider, the reason.
struct GrantDecision: ParsableArguments {
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The grant id.") var id: String
    @Option(name: .customLong("as"), help: "The provider department.") var department: String
    @Option(help: "The reason (required to reject).") var reason: String?

    func record(approve: Bool) async throws {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let events = try await session.record { table throws(GrantRefusal) in
            [try session.workflow.decide(id, approve: approve, by: department, reason: reason, at: GrantSession.now(), table: table)]
        }
        Console.say("\(id) \(events[0].kind.rawValue) by \(department)")
    }
}

struct GrantApprove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "The provider approves an application.")
    @OptionGroup var decision: GrantDecision
    func run() async throws { try await decision.record(approve: true) }
}

struct GrantReject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "The provider rejects an application, with a reason.")
    @OptionGroup var decision: GrantDecision
    func run() async throws { try await decision.record(approve: false) }
}

struct GrantArbitrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "arbitrate", abstract: "The arbitration body overturns or confirms a refusal.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The grant id.") var id: String
    @Flag(help: "Overturn the refusal.") var approve = false
    @Flag(help: "Confirm the refusal.") var reject = false
    @Option(help: "The reason.") var reason: String

    func validate() throws {
        guard approve != reject else { throw ValidationError("give exactly one of --approve or --reject") }
    }

    func run() async throws {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        _ = try await session.record { table throws(GrantRefusal) in
            [try session.workflow.arbitrate(id, approve: approve, reason: reason, at: GrantSession.now(), table: table)]
        }
        Console.say("\(id) arbitrated by \(session.catalogue.arbitration.id): \(approve ? "approved" : "refusal confirmed")")
    }
}

struct GrantRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "The provider or the subscriber ends a grant.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The grant id.") var id: String
    @Option(name: .customLong("as"), help: "The provider or subscriber department.") var department: String
    @Option(help: "The reason.") var reason: String

    func run() async throws {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        _ = try await session.record { table throws(GrantRefusal) in
            [try session.workflow.revoke(id, by: department, reason: reason, at: GrantSession.now(), table: table)]
        }
        Console.say("\(id) revoked by \(department)")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
