import ArgumentParser
import Foundation
import ShuniuAssistance
import ShuniuAudit
import ShuniuModel
import ShuniuRouter

/// `shuniu check`: household economic-status verification (居民家庭经济状况核对) on the check
/// centre's subscriber mirror, every check written to `audit.access`.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Household economic-status verification on the check centre's mirror (docs/household-check.md).",
        subcommands: [CheckHouseholdCommand.self, CheckBatchCommand.self, CheckApplicationsCommand.self]
    )
}

/// Options every check shares: the mirror, the policies, the audit.
struct CheckOptions: ParsableArguments {
    @Option(help: "The check centre's mirror (shuniu subscribe --as household-economic-check-centre --into FILE).")
    var mirror = "centre.sqlite"

    @Option(help: "The directory of policy files.")
    var policies = "policies"

    @Option(help: "The access-audit chain this process writes (access/<name>); one process per name at a time.")
    var auditInstance = "check"

    func loadPolicies() throws -> [String: AssistancePolicy] {
        try AssistancePolicy.loadAll(directory: URL(fileURLWithPath: policies, isDirectory: true))
    }

    func policy(_ name: String, in all: [String: AssistancePolicy]) throws -> AssistancePolicy {
        if name.hasSuffix(".yaml") { return try AssistancePolicy.load(URL(fileURLWithPath: name)) }
        guard let policy = all[name] else {
            throw ValidationError("no policy '\(name)'; policies in \(policies): \(all.keys.sorted().joined(separator: ", "))")
        }
        return policy
    }

    static var now: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

struct CheckHouseholdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "household",
        abstract: "Check one household against a policy: a verdict with every reason tied to its evidence."
    )

    @OptionGroup var options: CheckOptions
    @OptionGroup var broker: BrokerOptions

    @Option(help: "A policy id (a file of --policies) or a policy file (.yaml).")
    var policy: String

    @Option(help: "Citizen IDs of the household members, comma-separated.")
    var members: String

    @Option(help: "The day of the application (YYYY-MM-DD): the state of that day is checked. Default: today.")
    var appliedOn: String?

    @Option(help: "The verification request number (selects the banks' answers to it).")
    var requestNo: String?

    func run() async throws {
        let all = (try? options.loadPolicies()) ?? [:]
        let policy = try options.policy(policy, in: all)
        let ids = members.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for id in ids where (try? CitizenID(validating: id)) == nil {
            throw ValidationError("'\(id)' is not a valid citizen ID (GB 11643); pass --members id1,id2,...")
        }
        let day = appliedOn ?? String(CheckOptions.now.prefix(10))
        let application = HouseholdApplication(requestNumber: requestNo, assistanceType: policy.id, appliedOn: day, members: ids)
        let evidence = try MirrorEvidence(path: options.mirror)
        let facts = try evidence.facts(for: application)
        let verdict = HouseholdCheck.evaluate(application, policy: policy, facts: facts)
        let audit = try await AccessAuditLog.open(client: broker.client(id: "shuniu-check"), instance: options.auditInstance,
                                                  key: AuditKey(secret: try SecretOption.load()))
        let pending = try await audit.record(CheckAudit.events(application, policy: policy, facts: facts, verdict: verdict, time: CheckOptions.now))
        if let error = await pending.reports().firstError { throw error }
        await audit.close()
        CheckPrinter.print(application, policy: policy, verdict: verdict)
    }
}

struct CheckBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Check every application of a CSV file; prints the detection rate and writes a report."
    )

    @OptionGroup var options: CheckOptions
    @OptionGroup var broker: BrokerOptions

    @Argument(help: "CSV: request_no,assistance_type,applied_on,members[,expected] (members separated by ';').")
    var applications: String

    @Option(help: "Write one verdict per line (JSON) to FILE.")
    var report: String?

    func run() async throws {
        let all = try options.loadPolicies()
        let list = try ApplicationList.read(applications)
        for type in Set(list.map(\.assistanceType)) where all[type] == nil {
            throw ValidationError("no policy for assistance type '\(type)' in \(options.policies); add \(options.policies)/\(type).yaml")
        }
        let evidence = try MirrorEvidence(path: options.mirror)
        let audit = try await AccessAuditLog.open(client: broker.client(id: "shuniu-check"), instance: options.auditInstance,
                                                  key: AuditKey(secret: try SecretOption.load()))
        var summary = BatchReport()
        var lines: [String] = []
        let started = ContinuousClock.now
        for (index, application) in list.enumerated() {
            let policy = all[application.assistanceType]!
            let facts = try evidence.facts(for: application)
            let verdict = HouseholdCheck.evaluate(application, policy: policy, facts: facts)
            try await audit.record(CheckAudit.events(application, policy: policy, facts: facts, verdict: verdict, time: CheckOptions.now))
            summary.add(application, verdict)
            if report != nil { lines.append(CheckPrinter.json(application, verdict: verdict)) }
            if index % 10 == 9 || index == list.count - 1 {
                Console.progress("checked \(index + 1)/\(list.count), ineligible \(summary.ineligible)")
            }
        }
        try await audit.flush()
        await audit.close()
        Console.endProgress()
        if let report {
            try PrivateFile.write(Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8), to: report)  // applicants: 0600
        }
        CheckPrinter.print(summary, seconds: (ContinuousClock.now - started).seconds)
    }
}

struct CheckApplicationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applications",
        abstract: "Write the applications of a generated city (with their known results) as a batch CSV."
    )

    @Option(help: "A directory written by shuniu generate.")
    var city = "city"

    @Option(help: "Output file (default: stdout).")
    var out: String?

    func run() async throws {
        let applications = try ApplicationList.fromCity(URL(fileURLWithPath: city, isDirectory: true))
        let text = ([ApplicationList.header] + applications.map(ApplicationList.line)).joined(separator: "\n") + "\n"
        if let out {
            try PrivateFile.write(Data(text.utf8), to: out)  // applicants' citizen IDs: 0600
            Console.say("\(applications.count) applications written to \(out)")
        } else {
            print(text, terminator: "")
        }
    }
}
