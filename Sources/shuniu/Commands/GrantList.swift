import ArgumentParser
import Foundation
import ShuniuModel

/// `shuniu grants list`.
struct GrantList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List grants, optionally by theme or subscriber, or only overdue applications.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "Only this theme.") var theme: String?
    @Option(help: "Only this subscriber.") var subscriber: String?
    @Flag(help: "Only applications unanswered after 5 working days.") var overdue = false

    func run() async throws {
        let session = try await GrantSession(catalog: catalog, broker: broker)
        let table = await session.log.table
        await session.log.close()
        var grants = table.all
        if overdue {
            let today = CalendarDate(iso: GrantSession.now().prefix(10))!
            grants = session.workflow.overdue(table, today: today)
        }
        grants = grants.filter { (theme == nil || $0.theme == theme) && (subscriber == nil || $0.subscriber == subscriber) }
        let rows = grants.map { grant in
            [grant.id, grant.subscriber, grant.theme, grant.application.function, grant.state.rawValue,
             grant.application.fields.joined(separator: ","),
             grant.masks.keys.sorted().map { "\($0)=\(grant.masks[$0]!)" }.joined(separator: " "),
             grant.application.scope.keys.sorted().map { "\($0)=\(grant.application.scope[$0]!.joined(separator: "|"))" }.joined(separator: " "),
             grant.application.until ?? "", String(grant.history.first?.at.prefix(10) ?? "")]
        }
        Table(header: ["grant", "subscriber", "theme", "function", "state", "fields", "masks", "scope", "until", "applied"], rows: rows).print()
        Console.say("\(grants.count) grant(s)")
        for (event, refusal) in table.refused {
            Console.say("refused on the log: \(event.kind.rawValue) \(event.grant) by \(event.by): \(refusal)")
        }
    }
}
