import ArgumentParser
import Foundation
import ShuniuAPI
import ShuniuAudit
import ShuniuModel

/// `shuniu keys issue|revoke|list`: the departments' API keys and the operators' ops keys (stored hashed).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Issue, revoke and list the departments' API keys and ops keys (only salted SHA-256 hashes are stored).",
        subcommands: [Issue.self, Revoke.self, List.self]
    )

    /// `--keys FILE`.
    struct KeyFile: ParsableArguments {
        @Option(help: "The API key file.")
        var keys = APIKeyStore.defaultPath

        func open() throws -> APIKeyStore { try APIKeyStore(path: keys) }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a key for a department, or an ops key (--ops); the key is printed once and cannot be shown again.",
            discussion: """
            An ops key is for the hub's operators and their monitoring: it reads GET /v1/stats and the detail of             GET /healthz, and nothing else (a department's routes answer it 403). A department's key cannot read /v1/stats.             A citizen token (--citizen ID) stands in for the city's unified identity login: it signs one person (or, with a             unified social credit code, one organisation) in to the portal's data use record and credit objections; the API refuses it.
            """)
        @OptionGroup var file: KeyFile
        @OptionGroup var catalog: CatalogOptions
        @Option(help: "The department (its catalogue id).") var department: String?
        @Flag(help: "Issue an ops key (/v1/stats, /healthz detail) instead of a department's.") var ops = false
        @Option(help: "Issue a citizen token for this citizen ID (or an organisation's unified social credit code): the portal's data use record.")
        var citizen: String?
        @Option(help: "A note: who holds the key, what for.") var label: String?

        func validate() throws {
            guard [department != nil, ops, citizen != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give one of --department ID, --ops or --citizen ID")
            }
        }

        func run() async throws {
            let now = ISO8601DateFormatter().string(from: Date())
            if let citizen {
                let subject: SubjectID
                do { subject = try SubjectID(validating: citizen) } catch { throw ValidationError(error.message) }
                let key = try file.open().issueCitizen(subject.value, label: label, at: now)
                Console.say(key.text)
                FileHandle.standardError.write(Data("citizen token \(key.id) issued: sign in at /portal/sign-in to see the data use record; hand it to the \(subject.kind == .person ? "person" : "organisation") only, it is not shown again\n".utf8))
                return
            }
            guard let department else {
                let key = try file.open().issueOps(label: label, at: now)
                Console.say(key.text)
                FileHandle.standardError.write(Data("ops key \(key.id) issued (GET /v1/stats, GET /healthz detail); store it now, it is not shown again. Use: Authorization: Bearer <key>\n".utf8))
                return
            }
            let catalogue = try catalog.load()
            guard catalogue.department(department) != nil || department == catalogue.arbitration.id else {
                throw ValidationError("no department \(department) in the catalogue; `shuniu catalog show --by department` lists them")
            }
            let key = try file.open().issue(department: department, label: label, at: now)
            Console.say(key.text)
            FileHandle.standardError.write(Data("key \(key.id) issued for \(department); store it now, it is not shown again. Use: Authorization: Bearer <key>\n".utf8))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke one key by id, or every key of a department; a running API stops accepting it within a second.")
        @OptionGroup var file: KeyFile
        @Argument(help: "The key id (the 12 hex digits after shk_).") var id: String?
        @Option(help: "Revoke every key of this department.") var department: String?

        func validate() throws {
            guard (id == nil) != (department == nil) else { throw ValidationError("give a key id or --department, not both") }
        }

        func run() async throws {
            let store = try file.open()
            let now = ISO8601DateFormatter().string(from: Date())
            if let id {
                Console.say(try store.revoke(id: id, at: now) ? "key \(id) revoked" : "key \(id) was revoked already")
            } else if let department {
                let ids = try store.revokeAll(department: department, at: now)
                Console.say(ids.isEmpty ? "\(department) has no valid key" : "revoked \(ids.count) key(s) of \(department): \(ids.joined(separator: ", "))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids, departments, dates; never secrets).")
        @OptionGroup var file: KeyFile
        @Option(help: "Only this department's keys.") var department: String?

        func run() async throws {
            let rows = try file.open().keys(department: department).map { key in
                // A citizen token's holder is personal data: shown masked.
                [key.id, key.role.rawValue, key.role == .citizen ? MaskRule.partialText(key.department) : key.department,
                 key.issued, key.revoked ?? "valid", key.label ?? ""]
            }
            Table(header: ["key id", "role", "department", "issued", "revoked", "label"], rows: rows).print()
        }
    }
}
