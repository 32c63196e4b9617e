import ArgumentParser
import Foundation
import ShuniuAudit
import ShuniuModel
import ShuniuStreams

/// `shuniu evaluate`: the yearly evaluation of each department's sharing.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Per department: themes provided, records published, rejected by reason, freshness, subscriptions, records received, API reads; totals per day.",
        discussion: """
            Read from the topics (source topics by ce_source, audit.exchange, audit.access, ctl.grants), so it covers \
            every router and API instance. Times are the records' own (ce_time, time of the read). Freshness is judged \
            against each theme's declared update frequency up to --as-of (default: the latest event time seen, capped at \
            the year's end); a provider with a late theme is flagged LATE.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "Count only this year (by the records' own times).") var year: Int?
    @Option(name: .customLong("as-of"), help: "Judge freshness at this date or UTC time (default: the latest event time seen).")
    var asOf: String?
    @Option(help: "Days listed in the per-day table (the most recent; --json lists all).") var days = 14
    @Flag(help: "Print JSON instead of tables.") var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        if let year, !(1900...2999).contains(year) { throw ValidationError("--year \(year): give a four-digit year such as 2025") }
        var moment: Int64?
        if let asOf {
            guard let seconds = asOf.count == 10 ? CalendarDate(iso: asOf).map({ Int64($0.daysSinceEpoch) * 86_400 + 86_399 })
                    : EventTime.seconds(asOf) else {
                throw ValidationError("--as-of \(asOf): give a date like 2025-12-31 or a UTC time like 2025-12-31T23:59:59Z")
            }
            moment = seconds
        }
        let client = broker.client(id: "shuniu-evaluate")
        let counts = try await ExchangeCounts.read(client: client, catalogue: catalogue, year: year, progress: AuditOutput.progress)
        let log = try GrantLog(client: client, catalogue: catalogue, hub: try HubTrust.load())
        try await log.catchUp()
        let table = await log.table
        await log.close()
        Console.endProgress()
        let evaluation = Evaluation(catalogue: catalogue, counts: counts, grants: table, asOf: moment)
        if json {
            try AuditOutput.json(evaluation)
            return
        }
        Console.say("department evaluation, \(year.map { "year \($0)" } ?? "all years"), freshness as of \(evaluation.asOf ?? "-")")
        Table(header: ["department", "themes", "published", "rejected", "reasons", "late themes", "served", "held", "received", "api reads"],
              rows: evaluation.departments.filter(\.isActive).map { row in
                  let reasons = row.rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                  let late = row.lateThemes.isEmpty ? "" : "LATE \(row.lateThemes.count)/\(row.themesProvided.count)"
                  return [row.id, String(row.themesProvided.count), String(row.published), String(row.rejectedTotal), reasons,
                          late, String(row.subscriptionsServed), String(row.subscriptionsHeld), String(row.received), String(row.apiReads)]
              }).print()
        if !evaluation.rejectedUnknownSenders.isEmpty {
            Console.say("rejected from senders outside the catalogue: " + evaluation.rejectedUnknownSenders.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let late = evaluation.departments.flatMap { $0.freshness.filter(\.late) }
        if !late.isEmpty {
            Console.say("")
            Console.say("late themes (declared update frequency not kept):")
            Table(header: ["theme", "update", "updates", "last", "longest gap", "late periods"],
                  rows: late.map { [$0.theme, $0.update, String($0.updates), $0.last ?? "never", Self.span($0.longestGap), String($0.latePeriods)] }).print()
        }
        Console.say("")
        Console.say("exchange per day (last \(min(days, evaluation.days.count)) of \(evaluation.days.count) days):")
        Table(header: ["day", "published", "delivered", "rejected", "reads"],
              rows: evaluation.days.suffix(days).map { [$0.day, String($0.totals.published), String($0.totals.delivered), String($0.totals.rejected), String($0.totals.reads)] })
            .print()
    }

    /// `3d 4h`, `5h 10m`, `45s`.
    static func span(_ seconds: Int64) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d \(seconds % 86_400 / 3_600)h" }
        if seconds >= 3_600 { return "\(seconds / 3_600)h \(seconds % 3_600 / 60)m" }
        return "\(seconds)s"
    }
}
