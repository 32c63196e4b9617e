import ArgumentParser
import Foundation
import ShuniuModel
import ShuniuStreams

/// `shuniu grants ...`: the share-by-function workflow on `ctl.grants`.
struct GrantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "Apply for, decide on, arbitrate, revoke and list grants (events on ctl.grants).",
        subcommands: [GrantApply.self, GrantApprove.self, GrantReject.self, GrantArbitrate.self, GrantRevoke.self, GrantList.self,
                      GrantApprovePending.self]
    )
}

/// The catalogue, the grant log caught up (signatures checked against the hub key and the
/// identity registry), and a clock: what every grants command needs.
struct GrantSession {
    let catalogue: Catalogue
    let log: GrantLog

    init(catalog: CatalogOptions, broker: BrokerOptions) async throws {
        catalogue = try catalog.load()
        log = try GrantLog(client: broker.client(id: "shuniu-grants"), catalogue: catalogue, hub: try HubTrust.load())
        try await log.catchUp()
    }

    var workflow: GrantWorkflow { GrantWorkflow(catalogue: catalogue) }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Runs a workflow step signed with `identity`'s key; a refusal becomes a clear error and
    /// exit code 1. A step the hub takes (the compliance approval of an unconditional theme)
    /// is signed with the hub key when this machine holds the hub secret, else left to
    /// `shuniu grants approve-pending` on a hub machine.
    func record(as identity: IdentityFile?, _ make: (GrantTable) throws(GrantRefusal) -> [GrantEvent]) async throws -> [GrantEvent] {
        let table = await log.table
        let events: [GrantEvent]
        do {
            events = try make(table)
        } catch {
            Console.say("refused (\(error.code)): \(error.message)")
            throw ExitCode(1)
        }
        var signed: [GrantEvent] = []
        for event in events {
            if let identity, event.by == identity.party {
                signed.append(event.signed(by: ControlSigner(key: identity.key)))
            } else if event.by == GrantWorkflow.hub, let hub = HubTrust.signer() {
                signed.append(event.signed(by: hub))
            } else if event.by != GrantWorkflow.hub {
                Console.fail("this step is taken by \(event.by), but the key file is \(identity?.party ?? "missing"); use \(event.by)'s key file")
                throw ExitCode(1)
            }
        }
        try await log.append(signed: signed)
        await log.close()
        return signed
    }
}

struct GrantApply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply for a theme for one of your functions; prints the grant id.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var key: KeyOption
    @Option(help: "The theme.") var theme: String
    @Option(help: "The legal function the data serves.") var function: String
    @Option(help: "Fields, comma-separated.") var fields: String
    @Option(help: "field=rule (partial, partial:F:L, pseudonym, year, drop); repeatable.") var mask: [String] = []
    @Option(help: "field=value[|value...] row scope; repeatable.") var scope: [String] = []
    @Option(help: "The legal basis.") var basis: String
    @Option(help: "Last day of validity, YYYY-MM-DD.") var until: String?
    @Option(help: "Investigative functions only: days before the subject's data use record shows what this grant delivers (1-730).")
    var noticeDelay: Int?

    func run() async throws {
        let identity = try key.load()
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let application = GrantApplication(
            subscriber: identity.party, theme: theme, function: function, basis: basis,
            fields: fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            masks: try Self.pairs(mask, "--mask").mapValues { $0 },
            scope: try Self.pairs(scope, "--scope").mapValues { $0.split(separator: "|").map(String.init) },
            until: until, noticeDelayDays: noticeDelay)
        let id = "g-" + String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
        let events = try await session.record(as: identity) { table throws(GrantRefusal) in
            try session.workflow.apply(application, id: id, at: GrantSession.now(), table: table)
        }
        Console.say(id)
        if events.contains(where: { $0.kind == .approved }) {
            Console.say("approved at once: \(events.last?.reason ?? "")")
        } else if session.workflow.decider(of: application).decision == .hub {
            Console.say("applied; the hub's compliance approval is signed on a hub machine: `shuniu grants approve-pending`")
        } else {
            Console.say("applied; waiting for the provider's decision")
        }
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
    @OptionGroup var key: KeyOption
    @Option(help: "The reason (required to reject).") var reason: String?

    func record(approve: Bool) async throws {
        let identity = try key.load()
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let events = try await session.record(as: identity) { table throws(GrantRefusal) in
            [try session.workflow.decide(id, approve: approve, by: identity.party, reason: reason, at: GrantSession.now(), table: table)]
        }
        Console.say("\(id) \(events.first?.kind.rawValue ?? "") by \(identity.party)")
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
    @OptionGroup var key: KeyOption
    @Flag(help: "Overturn the refusal.") var approve = false
    @Flag(help: "Confirm the refusal.") var reject = false
    @Option(help: "The reason.") var reason: String

    func validate() throws {
        guard approve != reject else { throw ValidationError("give exactly one of --approve or --reject") }
    }

    func run() async throws {
        let identity = try key.load()
        let session = try await GrantSession(catalog: catalog, broker: broker)
        _ = try await session.record(as: identity) { table throws(GrantRefusal) in
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
    @OptionGroup var key: KeyOption
    @Option(help: "The reason.") var reason: String

    func run() async throws {
        let identity = try key.load()
        let session = try await GrantSession(catalog: catalog, broker: broker)
        _ = try await session.record(as: identity) { table throws(GrantRefusal) in
            [try session.workflow.revoke(id, by: identity.party, reason: reason, at: GrantSession.now(), table: table)]
        }
        Console.say("\(id) revoked by \(identity.party)")
    }
}

/// `shuniu grants approve-pending`: on a hub machine (the hub secret set), the compliance
/// approval, signed by the hub, of every application the hub decides (an unconditional theme
/// without a secret field) that is still waiting: applications a department signed on a
/// machine without the hub secret.
struct GrantApprovePending: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve-pending",
                                                    abstract: "The hub approves waiting applications that its compliance check decides (needs the hub secret).")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        _ = try SecretOption.load()
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let table = await session.log.table
        let pending = table.all.filter { $0.state == .applied && session.workflow.decider(of: $0.application).decision == .hub }
        var approved = 0
        for grant in pending {
            _ = try await session.record(as: nil) { table throws(GrantRefusal) in
                [try session.workflow.decide(grant.id, approve: true, by: GrantWorkflow.hub,
                                             reason: "compliance check passed: \(grant.subscriber) holds \(grant.application.function), to which \(grant.theme) is entitled; no secret field",
                                             at: GrantSession.now(), table: table)]
            }
            approved += 1
        }
        Console.say("\(approved) application(s) approved by the hub")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
