import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuCredit
import ShuniuLibraries
import ShuniuModel
import ShuniuRouter

/// `shuniu credit`: the credit subject library (信用主体库) — views, objections, the projector.
struct CreditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit",
        abstract: "The credit subject library: public and authorised views, objections, its projector.",
        discussion: """
        `shuniu credit project --until-end` fills the library (default .shuniu/credit.sqlite) from the credit
        themes and ctl.credit-objections; `shuniu credit show <subject>` prints the public view, `--as <department>`
        the department's authorised view; `object`, `review` and `resolve` write objection steps to
        ctl.credit-objections (run the projector to see them take effect). See docs/credit.md.
        """,
        subcommands: [CreditShow.self, CreditObject.self, CreditReview.self, CreditResolve.self, CreditObjections.self,
                      CreditProject.self, CreditStatus.self, CreditRebuild.self]
    )
}

/// `--credit-library FILE`.
struct CreditLibraryOptions: ParsableArguments {
    @Option(help: "The credit library file (default $SHUNIU_CREDIT_LIBRARY or .shuniu/credit.sqlite).")
    var creditLibrary: String = ProcessInfo.processInfo.environment["SHUNIU_CREDIT_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 }
        ?? ".shuniu/credit.sqlite"

    @Option(help: "Working days a provider has to decide an objection.")
    var deadlineDays = 15

    /// Opens the library for writing, creating its directory and file if needed.
    func openStore(catalogue: Catalogue) throws -> SQLiteCreditStore {
        let directory = URL(fileURLWithPath: creditLibrary).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLiteCreditStore(path: creditLibrary, catalogue: catalogue)
    }

    /// Opens an existing library; a missing file is an error that says what to run.
    func openExisting(catalogue: Catalogue) throws -> SQLiteCreditStore {
        guard FileManager.default.fileExists(atPath: creditLibrary) else {
            throw ValidationError("no credit library at \(creditLibrary): run `shuniu credit project --until-end` first, or pass --credit-library FILE")
        }
        return try SQLiteCreditStore(path: creditLibrary, catalogue: catalogue)
    }

    /// A read-only reader of an existing library.
    func reader(catalogue: Catalogue) throws -> CreditReader {
        guard FileManager.default.fileExists(atPath: creditLibrary) else {
            throw ValidationError("no credit library at \(creditLibrary): run `shuniu credit project --until-end` first, or pass --credit-library FILE")
        }
        return CreditReader(lookup: try SQLiteCreditReader(path: creditLibrary, connections: 1), catalogue: catalogue, deadlineDays: deadlineDays)
    }
}

/// Day and time options and parsing shared by the credit commands.
enum CreditClock {
    /// `--on YYYY-MM-DD`, default today (UTC).
    static func day(_ text: String?) throws -> CalendarDate {
        guard let text else { return CalendarDate(iso: GrantSession.now().prefix(10))! }
        guard let day = CalendarDate(iso: text) else { throw ValidationError("--on \(text) is not a date; write YYYY-MM-DD") }
        return day
    }

    /// `--at TIME`, default now.
    static func time(_ text: String?) throws -> String {
        guard let text else { return GrantSession.now() }
        guard CalendarDate(iso: text.prefix(10)) != nil, text.count > 10 else {
            throw ValidationError("--at \(text) is not an RFC 3339 time; write e.g. 2026-03-02T09:00:00Z")
        }
        return text
    }

    static func newID(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }
}

/// `shuniu credit show <subject>`.
struct CreditShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a subject's credit: the public view, or with --as a department's authorised view.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @Argument(help: "The subject: a unified social credit code or a citizen ID.")
    var subject: String

    @Option(name: .customLong("as"), help: "A department id: show what its grants in force allow (reads ctl.grants).")
    var department: String?

    @Option(help: "The day the view is as of (YYYY-MM-DD, default today): end of publicity and grant validity use it.")
    var on: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        guard CreditSubjectKind.of(subject.uppercased()) != nil else {
            throw ValidationError("\(subject) is neither a valid unified social credit code (GB 32100) nor a citizen ID (GB 11643)")
        }
        let day = try CreditClock.day(on)
        let reader = try library.reader(catalogue: catalogue)
        let view: CreditView
        if let department {
            guard catalogue.department(department) != nil else {
                throw ValidationError("unknown department \(department); list them with `shuniu catalog departments`")
            }
            let session = try await GrantSession(catalog: catalog, broker: broker)
            let grants = await session.log.table
            await session.log.close()
            let keys = PseudonymKeys(secret: try SecretOption.load(), catalogue: catalogue)
            view = try reader.authorisedView(subject, department: department, grants: grants, on: day, keys: keys)
        } else {
            view = try reader.publicView(subject, on: day)
        }
        if json {
            Console.say(String(decoding: CreditViewJSON.encode(view), as: UTF8.self))
            return
        }
        let audience = view.department.map { "authorised view of \($0)" } ?? "public view"
        Console.say("\(view.subject) (\(view.kind?.rawValue ?? "?")): \(view.entries.count) record(s), \(audience) on \(view.on)")
        for entry in view.entries {
            var marks: [String] = []
            if entry.disputed { marks.append("DISPUTED") }
            if let objection = entry.objection, !entry.disputed { marks.append("objection \(objection.rawValue)") }
            if let grant = entry.grant { marks.append("grant \(grant)") }
            Console.say("")
            Console.say("\(entry.record) [\(entry.creditClass.rawValue)] \(entry.date ?? "")\(marks.isEmpty ? "" : "  " + marks.joined(separator: ", "))")
            Console.say("  from \(entry.department), version \(entry.sequence), event \(entry.eventID)")
            for field in entry.fields.fields {
                let value: String = switch field.value {
                case .string(let text): text
                case .number(let text): text
                case .bool(let flag): String(flag)
                case .null: "—"
                }
                Console.say("  \(field.name): \(value)")
            }
        }
    }
}
