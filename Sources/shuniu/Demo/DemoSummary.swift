import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// What a newcomer should look at after the demo has run: who received what, one person as
/// two departments see them, the dead letters, and the audit verified.
struct DemoSummary {
    let client: KafkaClientConfig
    let counters: RouterCounters

    func print() async throws {
        Console.say("5. the router read \(counters.read) records:")
        for (subscriber, count) in counters.delivered.sorted(by: { $0.key < $1.key }) {
            Console.say("   delivered to \(subscriber): \(count)")
        }
        Console.say("   out of scope (not delivered): \(counters.outOfScope)")
        for (reason, count) in counters.rejected.sorted(by: { $0.key < $1.key }) {
            Console.say("   rejected into dlq.<theme>, \(reason): \(count)")
        }
        try await samplePerson()
        try await verifyAudit()
    }

    /// What to try next.
    static func printNextSteps() {
        Console.say("""

        Try next (the broker keeps running; ops/broker.sh stop ends it):
          .build/release/shuniu catalog show --by department
          .build/release/shuniu grants list
          .build/release/shuniu grants apply --as panyu-grid-centre --theme disability --function grid-management \\
              --fields category,level --scope district=panyu --basis "网格化服务管理办法"
          .build/release/shuniu router          # routes new records until Ctrl-C
          .build/release/shuniu project         # keeps the libraries up to date until Ctrl-C
          .build/release/shuniu quality         # the data comparison report
        """)
    }

    /// One person of Panyu, as the grid centre and as civil affairs receive them.
    private func samplePerson() async throws {
        let grid = try await TopicReader(client: client).read(Topics.subscriber("panyu-grid-centre"), limit: 200)
        let civil = try await TopicReader(client: client).read(Topics.subscriber("civil-affairs"), limit: 20_000)
        let upsert = "household-registration.upserted"
        guard let person = grid.first(where: { Self.type(of: $0) == upsert }), let key = person.key else { return }
        Console.say("6. one person, as two departments receive their household registration:")
        Console.say("   panyu-grid-centre (grid management, scope district=panyu, ID masked):")
        Console.say("     \(String(decoding: person.value, as: UTF8.self))")
        if let seen = civil.last(where: { $0.key == key && Self.type(of: $0) == upsert }) {
            Console.say("   civil-affairs (social assistance, ID pseudonymised, birth year only):")
            Console.say("     \(String(decoding: seen.value, as: UTF8.self))")
        }
        let grant = person.headers.value(named: "shuniu_grant").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let basis = person.headers.value(named: "shuniu_basis").map { String(decoding: $0, as: UTF8.self) } ?? ""
        Console.say("   each delivery names its grant (\(grant)), legal basis (\(basis)) and source position")
    }

    private static func type(of message: ConsumerMessage) -> String {
        String(decoding: message.headers.value(named: "ce_type") ?? [], as: UTF8.self)
    }

    private func verifyAudit() async throws {
        var verifier = AuditVerifier()
        for message in try await TopicReader(client: client).read(Topics.audit) {
            verifier.check(message.value, position: "\(message.partition)/\(message.offset)")
        }
        let chains = Set(verifier.heads.keys.map { $0.split(separator: "#")[0] }).count
        let verdict = verifier.isIntact ? "intact" : "BROKEN: \((verifier.breaks + verifier.linkBreaks).first!)"
        Console.say("7. audit.exchange: \(verifier.records) decision records in \(chains) hash chains, \(verdict)")
    }
}
