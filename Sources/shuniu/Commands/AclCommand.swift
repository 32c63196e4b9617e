import ArgumentParser
import Foundation
import ShuniuAccess
import ShuniuKafka
import ShuniuModel

/// `shuniu acl plan|apply`: the broker ACLs derived from the catalogue and the grants.
struct AclCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl",
        abstract: "Broker ACLs derived from the catalogue and the grants on ctl.grants (docs/access-control.md).",
        subcommands: [AclPlanCommand.self, AclApplyCommand.self]
    )

    /// The plan and the cluster's current entries.
    static func load(catalog: CatalogOptions, broker: BrokerOptions) async throws -> (plan: [AclBinding], current: [AclBinding]?, managed: Set<String>, admin: KafkaAdmin) {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let today = CalendarDate(iso: GrantSession.now().prefix(10))
        let plan = AclPlan.entries(catalogue: session.catalogue, grants: await session.log.table, on: today)
        await session.log.close()
        let admin = try KafkaAdmin(client: broker.client(id: "shuniu-acl"))
        var current: [AclBinding]?
        do {
            current = try await admin.describeAcls()
        } catch {
            Console.say("the cluster did not describe its ACLs (\(error)): an authorizer must be enabled (see docs/access-control.md)")
        }
        return (plan, current, AclPlan.managedPrincipals(session.catalogue), admin)
    }
}

struct AclPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Print the ACL set the hub needs, and what apply would create and delete.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        let (plan, current, managed, admin) = try await AclCommand.load(catalog: catalog, broker: broker)
        for entry in plan { Console.say(entry.description) }
        Console.say("cluster: \((try? await admin.clusterID()) ?? "?")")
        Console.say("\(plan.count) entries for \(Set(plan.map(\.principal)).count) principals")
        if let current {
            let change = AclPlan.diff(plan: plan, current: current, managed: managed)
            for entry in change.create { Console.say("+ \(entry)") }
            for entry in change.delete { Console.say("- \(entry)") }
            Console.say("apply would create \(change.create.count) and delete \(change.delete.count) (the cluster holds \(current.count))")
        }
    }
}

struct AclApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Create the missing entries and delete stale ones of the hub's principals.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        let (plan, current, managed, admin) = try await AclCommand.load(catalog: catalog, broker: broker)
        guard let current else { throw ExitCode(1) }
        let change = AclPlan.diff(plan: plan, current: current, managed: managed)
        try await admin.createAcls(change.create)
        let removed = try await admin.deleteAcls(change.delete)
        for entry in change.create { Console.say("+ \(entry)") }
        for entry in change.delete { Console.say("- \(entry)") }
        Console.say("created \(change.create.count), deleted \(removed) (stale: \(change.delete.count)); plan: \(plan.count) entries")
    }
}

/// `shuniu credentials create|rotate|list`: per-department SASL/SCRAM credentials.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Per-department SASL/SCRAM credentials: create or rotate (a new password, printed once), list.",
        subcommands: [CredentialsCreate.self, CredentialsRotate.self, CredentialsList.self]
    )

    /// 24 random bytes from the system's generator, base64url: 32 characters.
    static func password() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    static func set(department: String, catalog: CatalogOptions, broker: BrokerOptions, mechanism: String, rotate: Bool) async throws {
        let catalogue = try catalog.load()
        let services = ["shuniu-router", "shuniu-projector", "shuniu-api"]
        guard catalogue.department(department) != nil || services.contains(department) else {
            throw ValidationError("unknown principal '\(department)': a department of the catalogue or one of \(services.joined(separator: ", "))")
        }
        guard let scram = ScramMechanism(rawValue: mechanism) else { throw ValidationError("--mechanism must be SCRAM-SHA-256 or SCRAM-SHA-512") }
        let admin = try KafkaAdmin(client: broker.client(id: "shuniu-credentials"))
        let existing = try await admin.describeScramCredentials(users: [department]).first { $0.user == department }
        if rotate && existing?.mechanisms[scram] == nil {
            throw ValidationError("\(department) has no \(mechanism) credential to rotate; use `shuniu credentials create --as \(department)`")
        }
        if !rotate && existing?.mechanisms[scram] != nil {
            throw ValidationError("\(department) already has a \(mechanism) credential; use `shuniu credentials rotate --as \(department)`")
        }
        let password = password()
        try await admin.upsertScramCredential(user: department, password: password, mechanism: scram)
        guard try await admin.describeScramCredentials(users: [department]).contains(where: { $0.user == department && $0.mechanisms[scram] != nil }) else {
            // Nothing printed: a password the cluster does not keep must not be handed out.
            throw ValidationError("the cluster accepted the credential for \(department) but does not keep it (the Tansu dev broker does not implement SCRAM); create credentials on Apache Kafka (docs/access-control.md)")
        }
        // Printed once, to stdout only; never logged.
        Console.say("\(rotate ? "rotated" : "created") \(mechanism) credential for \(department); password (shown once, store it now):")
        Console.say(password)
    }
}

struct CredentialsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a department's SCRAM credential.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(name: .customLong("as"), help: "The department (or shuniu-router, shuniu-projector, shuniu-api).") var department: String
    @Option(help: "SCRAM-SHA-256 or SCRAM-SHA-512.") var mechanism = "SCRAM-SHA-256"

    func run() async throws {
        try await CredentialsCommand.set(department: department, catalog: catalog, broker: broker, mechanism: mechanism, rotate: false)
    }
}

struct CredentialsRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rotate", abstract: "Replace a department's SCRAM password.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(name: .customLong("as"), help: "The department (or shuniu-router, shuniu-projector, shuniu-api).") var department: String
    @Option(help: "SCRAM-SHA-256 or SCRAM-SHA-512.") var mechanism = "SCRAM-SHA-256"

    func run() async throws {
        try await CredentialsCommand.set(department: department, catalog: catalog, broker: broker, mechanism: mechanism, rotate: true)
    }
}

struct CredentialsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Users with SCRAM credentials (mechanisms and iterations, never secrets).")
    @OptionGroup var broker: BrokerOptions
    @Option(name: .customLong("as"), help: "Only this user.") var department: String?

    func run() async throws {
        let admin = try KafkaAdmin(client: broker.client(id: "shuniu-credentials"))
        let infos = try await admin.describeScramCredentials(users: department.map { [$0] } ?? [])
        for info in infos {
            Console.say("\(info.user)  " + info.mechanisms.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) (\($0.value) iterations)" }.joined(separator: ", "))
        }
        Console.say("\(infos.count) user(s)")
    }
}
