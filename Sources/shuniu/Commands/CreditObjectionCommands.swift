import ArgumentParser
import Foundation
import ShuniuCredit
import ShuniuModel

/// `shuniu credit object`: the subject files an objection against one of its records.
struct CreditObject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object",
        abstract: "File an objection (异议) against a credit record; it is hidden from the public view while open.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @OptionGroup var key: KeyOption

    @Option(help: "The record objected to, <theme>/<key> as `shuniu credit show` prints it.")
    var record: String

    @Option(help: "Why the record is wrong.")
    var reason: String

    @Option(help: "The time of filing (RFC 3339, default now): the deadline is counted from it.")
    var at: String?

    func run() async throws {
        let catalogue = try catalog.load()
        let identity = try key.load()
        let store = try library.openExisting(catalogue: catalogue)
        let subject = identity.party.uppercased()
        guard subject == identity.party else {
            throw ValidationError("the key file's party \(identity.party) is not a credit code or citizen ID in upper case; a filing is signed by the subject's own key")
        }
        guard let found = try store.record(record) else {
            throw ValidationError("no credit record \(record); list the subject's records with `shuniu credit show \(subject) --as <department>`")
        }
        guard found.subject == subject else {
            throw ValidationError("\(record) is not a record of \(subject): only its subject may object to it")
        }
        if let open = try store.objections(subject: nil, record: record).first(where: { $0.state.isOpen }) {
            throw ValidationError("objection \(open.id) against \(record) is still open (\(open.state.rawValue)); wait for its decision")
        }
        let step = ObjectionEvent(id: CreditClock.newID("step"), objection: CreditClock.newID("obj"), kind: .filed, by: subject,
                                  at: try CreditClock.time(at), subject: subject, record: record,
                                  recordSequence: found.lineage.sequence, reason: reason)
        let objection = try ObjectionRules(catalogue: catalogue).apply(step, to: nil)
        try await ObjectionLog(client: broker.client(id: "shuniu-credit")).append([step.signed(by: ControlSigner(key: identity.key))])
        Console.say("filed objection \(objection.id) against \(record) (version \(found.lineage.sequence)); \(catalogue.theme(objection.theme)?.provider ?? "the provider") must decide by \(objection.due(workingDays: library.deadlineDays))")
    }
}

/// `shuniu credit review`: the provider takes up an objection.
struct CreditReview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Start the review of an objection (the record's provider).")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @Argument(help: "The objection id.")
    var objection: String

    @OptionGroup var key: KeyOption

    @Option(help: "The time (RFC 3339, default now).")
    var at: String?

    func run() async throws {
        let catalogue = try catalog.load()
        let identity = try key.load()
        let department = identity.party
        let store = try library.openExisting(catalogue: catalogue)
        let step = ObjectionEvent(id: CreditClock.newID("step"), objection: objection, kind: .reviewing, by: department, at: try CreditClock.time(at))
        try await ObjectionSteps.append(step, signer: identity, store: store, catalogue: catalogue, broker: broker)
        Console.say("objection \(objection) is under review by \(department)")
    }
}

/// `shuniu credit resolve`: the provider decides an objection.
struct CreditResolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Decide an objection: --uphold, --reject REASON, or --corrected EVENT after publishing a correction.",
        discussion: """
        --corrected names the ce_id of the correction event the provider published through the normal pipeline
        (`shuniu publish`, an adapter): the command refuses until the credit library holds the record at that event,
        so run `shuniu credit project --until-end` after publishing.
        """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @Argument(help: "The objection id.")
    var objection: String

    @Flag(help: "Uphold the objection: the record was wrong and is withdrawn from the views.")
    var uphold = false

    @Option(help: "Reject the objection with this reason: the record stands.")
    var reject: String?

    @Option(help: "The ce_id of the correction event published for the record.")
    var corrected: String?

    @Option(help: "A reason for an upheld or corrected decision (optional).")
    var reason: String?

    @OptionGroup var key: KeyOption

    @Option(help: "The time (RFC 3339, default now).")
    var at: String?

    func validate() throws {
        guard [uphold, reject != nil, corrected != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --uphold, --reject REASON, --corrected EVENT")
        }
    }

    func run() async throws {
        let catalogue = try catalog.load()
        let identity = try key.load()
        let department = identity.party
        let store = try library.openExisting(catalogue: catalogue)
        let kind: ObjectionEvent.Kind = uphold ? .upheld : reject != nil ? .rejected : .corrected
        if let corrected, let current = try store.objection(objection) {
            guard let record = try store.record(current.record), record.lineage.eventID == corrected,
                  record.lineage.sequence > (current.recordSequence ?? 0) else {
                throw ValidationError("the credit library does not hold \(current.record) at a newer version from event \(corrected); publish the correction through the pipeline, run `shuniu credit project --until-end`, then resolve")
            }
        }
        let step = ObjectionEvent(id: CreditClock.newID("step"), objection: objection, kind: kind, by: department,
                                  at: try CreditClock.time(at), reason: reject ?? reason, correction: corrected)
        try await ObjectionSteps.append(step, signer: identity, store: store, catalogue: catalogue, broker: broker)
        Console.say("objection \(objection): \(kind.rawValue) by \(department)")
    }
}

/// Checks a step against the objection's state in the library, then appends it.
enum ObjectionSteps {
    static func append(_ step: ObjectionEvent, signer: IdentityFile, store: SQLiteCreditStore, catalogue: Catalogue,
                       broker: BrokerOptions) async throws {
        guard let current = try store.objection(step.objection) else {
            throw ValidationError("no objection \(step.objection) in the credit library; list them with `shuniu credit objections` (run `shuniu credit project --until-end` if it was just filed)")
        }
        do {
            _ = try ObjectionRules(catalogue: catalogue).apply(step, to: current)
        } catch {
            throw ValidationError(error.message)
        }
        try await ObjectionLog(client: broker.client(id: "shuniu-credit")).append([step.signed(by: ControlSigner(key: signer.key))])
    }
}

/// `shuniu credit objections`: every objection, or the overdue ones.
struct CreditObjections: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "objections", abstract: "List objections with their state and deadline.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var library: CreditLibraryOptions

    @Flag(help: "Only the objections still open past their deadline.")
    var overdue = false

    @Option(help: "Only this subject's objections.")
    var subject: String?

    @Option(help: "The day overdue is judged on (YYYY-MM-DD, default today).")
    var on: String?

    @Flag(help: "Also print each objection's steps.")
    var history = false

    func run() throws {
        let catalogue = try catalog.load()
        let reader = try library.reader(catalogue: catalogue)
        let day = try CreditClock.day(on)
        let found = try reader.objections(subject: subject, overdueOn: overdue ? day : nil)
        Console.say("\(found.count) objection(s)\(overdue ? " overdue on \(day) (deadline \(library.deadlineDays) working days)" : "")")
        guard !found.isEmpty else { return }
        Table(header: ["objection", "subject", "record", "state", "filed", "due", "decided by", "reason / decision"],
              rows: found.map { objection in
                  [objection.id, objection.subject, objection.record, objection.state.rawValue, objection.filedOn.description,
                   reader.due(objection).description, objection.decidedBy ?? "",
                   objection.decisionReason ?? objection.correction.map { "correction \($0)" } ?? objection.reason]
              }).print()
        guard history else { return }
        for objection in found {
            Console.say("")
            Console.say("\(objection.id):")
            for (step, refusal) in try reader.lookup.steps(objection: objection.id) {
                Console.say("  \(step.at) \(step.kind.rawValue) by \(step.by)\(step.reason.map { ": \($0)" } ?? "")\(refusal.map { "  REFUSED \($0)" } ?? "")")
            }
        }
    }
}
