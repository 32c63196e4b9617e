import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter

/// The exchange totals of the demo, and what to try next.
struct DemoSummary {
    let client: KafkaClientConfig
    let counters: RouterCounters

    /// Who received what, what was out of scope, what was refused.
    func print() async throws {
        Console.say("6. exchange totals: the router read \(counters.read) records and delivered \(counters.deliveredTotal):")
        for (subscriber, count) in counters.delivered.sorted(by: { $0.key < $1.key }) {
            Console.say("   delivered to \(subscriber): \(count)")
        }
        Console.say("   out of scope (not delivered): \(counters.outOfScope)")
        for (reason, count) in counters.rejected.sorted(by: { $0.key < $1.key }) {
            Console.say("   rejected into dlq.<theme>, \(reason): \(count)")
        }
    }

    /// Ready-to-paste commands against the running hub.
    static func printNextSteps(base: String, keys: [String: String], subject: String?, openData: String,
                               portal: DemoAPIView.PortalKeys?) {
        let id = subject ?? "<citizen-id>"
        let housing = keys["housing-construction"] ?? "<key>"
        let grid = keys["panyu-grid-centre"] ?? "<key>"
        if let portal {
            Console.say("""

            12. the web portal: \(base)/portal (Chinese; English with the switch in the header)
              sign in at \(base)/portal/sign-in with one of these:
                department staff, housing-construction (workspace: apply, my grants): \(housing)
                department staff, human-resources-social-security (approve applications for its themes): \(keys["human-resources-social-security"] ?? "<key>")
                grid worker, panyu-grid-centre (grid worker form): \(grid)
                citizen \(MaskRule.partialText(id)) (my data use record): \(portal.citizen)
                operators (ops view): \(portal.ops)
              open to all: \(base)/portal/catalogue · \(base)/portal/open · \(base)/portal/credit
            """)
        }
        Console.say("""

        13. try it (the API runs until Ctrl-C; the broker keeps running, ops/broker.sh stop ends it):
          curl -s -H "Authorization: Bearer \(housing)" \(base)/v1/persons/\(id)
          curl -s -H "Authorization: Bearer \(grid)" \(base)/v1/persons/\(id)
          curl -s \(base)/v1/persons/\(id)                  # 401: no key
          curl -s \(base)/v1/catalog | head -c 600
          curl -s \(base)/healthz; curl -s \(base)/metrics | head
          .build/release/shuniu person \(id)               # the full record with lineage (ops view)
          .build/release/shuniu audit who-received \(id)   # every delivery and API read of this person
          .build/release/shuniu audit verify
          .build/release/shuniu quality
          .build/release/shuniu evaluate
          .build/release/shuniu open list --out \(openData)
          .build/release/shuniu credit show <credit-code>
        """)
    }
}
