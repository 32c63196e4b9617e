import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuSQLite
import ShuniuStreams
import Synchronization
import Testing

/// A temporary catalogue with a theme of its own (so its `src.<theme>` topic is fresh on every
/// run), a folder for files, and the source table a department's adapter watches.
struct AdapterFixture {
    /// The repository root, found from this file.
    static var repositoryRoot: URL { TestBroker.root }

    let folder: URL
    let catalogue: Catalogue
    let theme: Theme
    var topic: String { Topics.source(theme.id) }

    /// Copies the real departments and adds theme `it-adapter-<random>`, provided by civil affairs.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-adapter-\(UUID().uuidString)")
        let themes = folder.appendingPathComponent("catalogue/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("topics/departments.yaml"),
                                         to: folder.appendingPathComponent("catalogue/departments.yaml"))
        let id = "it-adapter-\(UUID().uuidString.prefix(8).lowercased())"
        try Self.themeYAML(id).write(to: themes.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
        catalogue = try CatalogueLoader.load(directory: folder.appendingPathComponent("catalogue"))
        theme = try #require(catalogue.theme(id))
    }

    /// A path in the fixture's folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Creates the theme's source topic on a cluster; it must not exist yet (an adapter that
    /// reached the broker first must not have had it auto-created with another partition count).
    func createTopic(_ client: KafkaClientConfig) async throws {
        let created = try await KafkaAdmin(client: client).createTopics([NewTopic(name: topic, partitions: theme.partitions)],
                                                                        timeout: .seconds(10))
        #expect(created == [topic: true], "\(topic) is created here, not auto-created by a producer")
    }

    /// A valid citizen ID, distinct for every index below 16 800 000.
    static func citizenID(_ index: Int) -> String {
        CitizenID.make(region: "440106", year: 1950 + index % 50, month: 1 + (index / 50) % 12,
                       day: 1 + (index / 600) % 28, sequence: (index / 16_800) % 1_000).value
    }

    private static func themeYAML(_ id: String) -> String {
        """
        id: \(id)
        title: {zh: 适配器测试台账, en: Adapter test ledger}
        class: department
        subject:
          kind: person
          key: citizen_id
        provider: civil-affairs
        share:
          type: unconditional
        open: closed
        update: realtime
        partitions: 3
        functions: [social-assistance]
        fields:
          - {name: citizen_id, type: citizen-id, required: true, sensitivity: sensitive}
          - {name: name, type: string, required: true, sensitivity: sensitive}
          - {name: status, type: enum, values: [active, suspended, closed], required: true, sensitivity: internal}
          - {name: revision, type: integer, required: true, sensitivity: internal}
          - {name: monthly_allowance, type: decimal, sensitivity: sensitive}
          - {name: eligible, type: boolean, sensitivity: internal}
          - {name: decided_on, type: date, sensitivity: internal}

        """
    }
}

/// The department's change table: `change_id`, `op` and the test theme's fields.
struct ChangeTable {
    let database: SQLiteDatabase
    let path: String

    init(path: String) throws {
        self.path = path
        database = try SQLiteDatabase(path: path)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS changes (
                change_id INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, citizen_id TEXT, name TEXT,
                status TEXT, revision INTEGER, monthly_allowance TEXT, eligible INTEGER, decided_on TEXT)
            """)
    }

    /// Appends upserts for `revisions` (in order), subject `revision % subjects`, in one transaction.
    func upsert(revisions: some Sequence<Int>, subjects: Int) throws {
        try database.transaction {
            for revision in revisions {
                try database.run("""
                    INSERT INTO changes (op, citizen_id, name, status, revision, monthly_allowance, eligible, decided_on)
                    VALUES ('upsert', ?1, ?2, 'active', ?3, ?4, ?5, '2026-01-15')
                    """, [.text(AdapterFixture.citizenID(revision % subjects)), .text("李\(revision % subjects)"),
                          .integer(Int64(revision)), .text("\(revision % 2_000).50"), .integer(Int64(revision % 2))])
            }
        }
    }

    /// Appends a delete of subject `index`.
    func delete(subject index: Int) throws {
        try database.run("INSERT INTO changes (op, citizen_id) VALUES ('delete', ?1)", [.text(AdapterFixture.citizenID(index))])
    }
}

/// A stop request a test flips.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func stop() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}

/// What arrived on a topic, per subject in offset order, with duplicates (same `ce_id`) set
/// aside: the checks of "every change arrives, in order per subject, none missing".
struct Arrivals {
    /// Distinct events per subject, first arrival of each `ce_id`, in offset order.
    var bySubject: [String: [ChangeEvent]] = [:]
    /// Records whose `ce_id` had arrived before.
    var duplicates = 0
    /// Records that are not change events.
    var undecodable = 0

    init(_ messages: [ConsumerMessage]) {
        var seen = Set<String>()
        for message in messages.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
            guard let event = try? message.changeEvent() else {
                undecodable += 1
                continue
            }
            guard seen.insert(event.id).inserted else {
                duplicates += 1
                continue
            }
            bySubject[event.subject, default: []].append(event)
        }
    }

    /// Every distinct event.
    var events: [ChangeEvent] { bySubject.values.flatMap { $0 } }

    /// The `revision` field of each upsert, per subject, in arrival order.
    var revisionsBySubject: [String: [Int]] {
        bySubject.mapValues { events in
            events.compactMap { event in
                (try? Row.parse(bytes: event.value))?["revision"]?.numberText.flatMap { Int($0) }
            }
        }
    }

    /// Subjects whose `ce_sequence` or `revision` does not strictly increase in arrival order.
    var subjectsOutOfOrder: [String] {
        let revisions = revisionsBySubject
        return bySubject.compactMap { subject, events in
            let sequences = events.map(\.sequence)
            let ordered = zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 }
                && zip(revisions[subject] ?? [], (revisions[subject] ?? []).dropFirst()).allSatisfy { $0 < $1 }
            return ordered ? nil : subject
        }
    }
}
