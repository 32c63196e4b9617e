import ArgumentParser
import Foundation
import ShuniuLibraries
import ShuniuModel

/// `shuniu person <citizen-id>`: a person's record in the person library, with lineage.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Print a person's record in the person library, each theme with the event it came from.")

    @OptionGroup var library: LibraryOptions

    @Argument(help: "The citizen ID number (GB 11643, 18 characters).")
    var id: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        do {
            _ = try CitizenID(validating: id)
        } catch {
            throw ValidationError("\(id) is not a valid citizen ID: \(error)")
        }
        let store = try library.openExisting()
        guard let record = try store.record(.person, subject: id.uppercased()) else {
            throw ValidationError("\(id) is not in the person library \(library.library)")
        }
        RecordPrinter.print(record, json: json)
    }
}

/// `shuniu entity <code>`: an entity's record, found by credit code, organisation code or tax id.
struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Print a legal entity's record, found by unified social credit code, older organisation code or tax id.")

    @OptionGroup var library: LibraryOptions

    @Argument(help: "A unified social credit code (GB 32100), an organisation code or a tax id.")
    var code: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let store = try library.openExisting()
        guard let subject = try store.resolveEntity(code), let record = try store.record(.entity, subject: subject) else {
            let hint = (try? CreditCode(validating: code.uppercased())) == nil && code.count == 18 ? " (it is not a valid credit code either)" : ""
            throw ValidationError("no entity in \(library.library) is known by \(code)\(hint)")
        }
        if subject != code.uppercased() && !json { Console.say("\(code) is an older code of \(subject)") }
        RecordPrinter.print(record, json: json)
    }
}

/// Prints a library record as text or JSON.
enum RecordPrinter {
    static func print(_ record: LibraryRecord, json: Bool) {
        if json {
            Console.say(String(decoding: LibraryRecordJSON.encode(record), as: UTF8.self))
            return
        }
        Console.say("\(record.library.rawValue) \(record.subject): \(record.slices.count) theme(s)")
        for slice in record.slices {
            let lineage = slice.lineage
            Console.say("")
            Console.say("\(slice.theme) — from \(lineage.department), version \(lineage.sequence) of \(lineage.eventTime)")
            Console.say("  event \(lineage.eventID) at \(lineage.source)")
            let width = slice.row.names.map(\.count).max() ?? 0
            for field in slice.row.fields {
                let value: String = switch field.value {
                case .string(let text): text
                case .number(let text): text
                case .bool(let flag): String(flag)
                case .null: "—"
                }
                Console.say("  \(field.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)")
            }
        }
    }
}
