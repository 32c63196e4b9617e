import ShuniuAudit
import ShuniuModel

/// The access-audit records of one household check (pure): for every member and every theme
/// the policy consults, who checked (the centre), whom (the member), why (request, policy,
/// verdict), under which grant, and exactly which records were consulted (their SHA-256);
/// `denied` for a theme the centre holds no grant for, `not-found` when the member has no record.
public enum CheckAudit {
    /// The department that runs checks.
    public static let centre = "household-economic-check-centre"

    /// The events of `verdict` on `application`, at `time` (RFC 3339).
    public static func events(_ application: HouseholdApplication, policy: AssistancePolicy, facts: HouseholdFacts,
                              verdict: Verdict, time: String) -> [AccessEvent] {
        let purpose = "\(policy.id) \(application.requestNumber ?? "-") applied \(application.appliedOn): \(verdict.result); basis \(policy.basis)"
        var events: [AccessEvent] = []
        let themes = HouseholdCheck.themes.values.flatMap { $0 }.sorted()
        for member in application.members {
            for theme in themes {
                if facts.unavailable[theme] != nil {
                    events.append(AccessEvent(channel: "check", outcome: .denied, department: centre, subject: member,
                                              theme: theme, purpose: purpose, time: time))
                    continue
                }
                let records = consulted(theme: theme, member: member, facts: facts)
                guard let first = records.first else {
                    events.append(AccessEvent(channel: "check", outcome: .notFound, department: centre, subject: member,
                                              theme: theme, purpose: purpose, time: time))
                    continue
                }
                var value: [UInt8] = []
                for record in records { value += record.row.serialized() + [0x0A] }
                events.append(AccessEvent(channel: "check", outcome: .checked, department: centre, subject: member,
                                          theme: theme, grantID: first.grant, basis: policy.basis, purpose: purpose,
                                          fields: first.row.names, value: value, time: time))
            }
        }
        return events
    }

    /// The records of `theme` about `member` that the check consulted.
    static func consulted(theme: String, member: String, facts: HouseholdFacts) -> [EvidenceRecord] {
        switch theme {
        case "social-insurance": return facts.insurance[member].map { [$0] } ?? []
        case "vehicles": return facts.vehicles.filter { $0.text("owner_citizen_id") == member }
        case "real-estate": return facts.properties.filter { $0.text("owner_citizen_id") == member || $0.text("co_owner_citizen_id") == member }
        default: return facts.deposits.filter { $0.theme == theme && $0.subject == member }
        }
    }
}
