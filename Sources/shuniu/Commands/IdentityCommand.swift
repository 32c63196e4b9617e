import ArgumentParser
import Foundation
import ShuniuModel
import ShuniuStreams

/// `shuniu identity ...`: the parties' signing keys in the registry `ctl.identities`. Creating,
/// rotating and revoking are hub operations (they need the hub secret: the hub signs the
/// registry); listing needs only the hub's public key.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Create, rotate, revoke and list the parties' signing keys (ctl.identities).",
        subcommands: [IdentityCreate.self, IdentityRotate.self, IdentityRevoke.self, IdentityList.self]
    )

    /// The registry caught up, trusting the hub key.
    static func registry(_ broker: BrokerOptions, hub: VerifyingKey) async throws -> IdentityLog {
        let log = try IdentityLog(client: broker.client(id: "shuniu-identity"), hub: hub)
        try await log.catchUp()
        return log
    }

    /// The current end of each control log: a revocation applies from there.
    static func controlEnds(_ broker: BrokerOptions) async throws -> [String: Int64] {
        var ends: [String: Int64] = [:]
        for topic in [Topics.grants, Topics.creditObjections, Topics.licences] {
            let log = try ControlTopic(topic: topic, client: broker.client(id: "shuniu-identity"))
            ends[topic] = try await log.end()
            await log.close()
        }
        return ends
    }

    /// Makes a key for `party`, writes it to `path` (0600, never overwriting) and registers it.
    static func create(party: String, path: String, log: IdentityLog, hub: ControlSigner) async throws -> SigningKey {
        guard !party.isEmpty, party.utf8.count <= IdentityRegistry.maximumPartyLength, party != GrantWorkflow.hub else {
            throw ValidationError("a party is a department id, the arbitration body's id or a credit subject (at most \(IdentityRegistry.maximumPartyLength) bytes, not `hub`)")
        }
        let key = SigningKey.generate()
        do {
            try IdentityFile(party: party, key: key).write(to: path)
        } catch {
            Console.fail(error.description)
            throw ExitCode(1)
        }
        let event = IdentityEvent(kind: .registered, party: party, key: key.verifyingKey.id, publicKey: key.verifyingKey.base64,
                                  at: GrantSession.now())
        try await log.append([event.signed(by: hub)])
        return key
    }
}

struct IdentityCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a party's signing key (file mode 0600) and register its public key.")
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The party: a department id, the arbitration body, or a credit subject.") var party: String
    @Option(help: "Where to write the private key file (never overwritten).") var out: String

    func run() async throws {
        let secret = try SecretOption.load()
        let log = try await IdentityCommand.registry(broker, hub: SigningKey.hub(secret).verifyingKey)
        let key = try await IdentityCommand.create(party: party, path: out, log: log, hub: .hub(secret))
        await log.close()
        Console.say("\(party): key \(key.verifyingKey.id) registered; private key in \(out) (mode 0600; give it to \(party) only)")
    }
}

struct IdentityRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rotate", abstract: "Give a party a new key and revoke its old ones from now on (what they signed before stays valid).")
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The party.") var party: String
    @Option(help: "Where to write the new private key file.") var out: String

    func run() async throws {
        let secret = try SecretOption.load()
        let log = try await IdentityCommand.registry(broker, hub: SigningKey.hub(secret).verifyingKey)
        let old = await log.registry.keys(of: party).filter { $0.revocation == nil }
        let key = try await IdentityCommand.create(party: party, path: out, log: log, hub: .hub(secret))
        let ends = try await IdentityCommand.controlEnds(broker)
        try await log.append(old.map {
            IdentityEvent(kind: .revoked, party: party, key: $0.key.id, at: GrantSession.now(), reason: "rotated to \(key.verifyingKey.id)",
                          effective: ends).signed(by: .hub(secret))
        })
        await log.close()
        Console.say("\(party): new key \(key.verifyingKey.id) in \(out); \(old.count) old key(s) revoked from \(ends.map { "\($0.key)@\($0.value)" }.sorted().joined(separator: ", "))")
    }
}

struct IdentityRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key from now on (a lost or stolen key); the party needs a new one.")
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The key id (k-...).") var key: String
    @Option(help: "Why.") var reason: String

    func run() async throws {
        let secret = try SecretOption.load()
        let log = try await IdentityCommand.registry(broker, hub: SigningKey.hub(secret).verifyingKey)
        guard let entry = await log.registry.entries[key] else {
            Console.fail("no key \(key) in the registry; `shuniu identity list` shows them")
            throw ExitCode(1)
        }
        let ends = try await IdentityCommand.controlEnds(broker)
        try await log.append([IdentityEvent(kind: .revoked, party: entry.party, key: key, at: GrantSession.now(), reason: reason,
                                            effective: ends).signed(by: .hub(secret))])
        await log.close()
        Console.say("\(key) of \(entry.party) revoked from \(ends.map { "\($0.key)@\($0.value)" }.sorted().joined(separator: ", "))")
    }
}

struct IdentityList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered keys, the hub key and refused registry records.")
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        let hub = try HubTrust.load()
        let log = try await IdentityCommand.registry(broker, hub: hub)
        let registry = await log.registry
        await log.close()
        Console.say("hub key \(hub.id): \(hub.base64)  (set SHUNIU_HUB_KEY to this on machines without the hub secret)")
        let rows = registry.all.map { entry in
            [entry.party, entry.key.id, entry.registeredAt,
             entry.revocation.map { "revoked \($0.at): \($0.reason)" } ?? "valid"]
        }
        Table(header: ["party", "key", "registered", "state"], rows: rows).print()
        for (event, reason) in registry.refused {
            Console.say("refused on the log: \(event.kind.rawValue) \(event.key.prefix(40)) for \(event.party.prefix(40)): \(reason)")
        }
    }
}
