import ArgumentParser
import Foundation
import ShuniuAudit

/// `--since` / `--until` / `--json` of the audit commands, and what they share: bounds checked
/// with the fix in the message, progress on stderr, JSON on stdout.
struct AuditWindowOptions: ParsableArguments {
    @Option(help: "Report records whose own time is at or after this (2025-03-01 or 2025-03-01T08:00:00Z).")
    var since: String?

    @Option(help: "Report records whose own time is at or before this (a date covers the whole day).")
    var until: String?

    /// The checked window.
    func window() throws -> TimeWindow {
        do {
            return try TimeWindow(since: since, until: until)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// Shared output of the audit commands.
enum AuditOutput {
    /// Progress on stderr while topics are read (only at a terminal).
    static let progress: TopicScan.Progress = { topic, read, total in
        Console.progress("reading \(topic): \(Console.grouped(Double(read))) of \(Console.grouped(Double(total))) records")
    }

    /// Prints a value as pretty, key-sorted JSON.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Console.say(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `2025-03-01 … 2025-03-31`, or `all times`.
    static func describe(_ window: TimeWindow) -> String {
        guard window.isBounded else { return "all times" }
        return "\(window.since ?? "the start") … \(window.until ?? "the end")"
    }
}
