import ShuniuKafka
import ShuniuModel

/// The exact broker ACL set the hub needs (pure): derived from the catalogue and the grant table,
/// so that no department can bypass the router by reading or writing a topic directly.
///
/// - a department (`User:<department>`) may write (and describe) only the `src.` topics of the
///   themes it is the authoritative provider of (一数一源); it may read only its own
///   `sub.<department>`, and only while it holds a grant in force, through its own consumer group
///   `shuniu-sub.<department>`; it may read and append to `ctl.grants` (applications,
///   approvals: every event carries its party's signature, checked on replay, so a forged one
///   changes nothing) and read `ctl.identities` (nobody but the hub's operators writes it);
/// - the check centre also appends to `audit.access` (its checks are audited);
/// - `User:shuniu-router` reads every `src.` topic, `ctl.grants` and `ctl.identities`, writes `sub.` and `dlq.`
///   topics, reads and writes `audit.exchange`, uses the group `shuniu-router` and the
///   transactional ids `shuniu-router-*`, and creates topics (it applies the topic plan at start);
/// - `User:shuniu-projector` reads every `src.` topic and `ctl.identities`;
/// - `User:shuniu-api` reads and appends to `ctl.grants` (the steps it signs for departments),
///   reads `ctl.identities`, and reads and appends to `audit.access`.
public enum AclPlan {
    /// The service principals.
    public static let router = "User:shuniu-router"
    /// The projectors' principal.
    public static let projector = "User:shuniu-projector"
    /// The HTTP API's principal.
    public static let api = "User:shuniu-api"
    /// The department that writes household checks to `audit.access`.
    public static let checkCentre = "household-economic-check-centre"

    /// The principal of a department.
    public static func principal(_ department: String) -> String { "User:\(department)" }

    /// Every principal the plan manages (ACL entries of other principals are left alone).
    public static func managedPrincipals(_ catalogue: Catalogue) -> Set<String> {
        Set(catalogue.departments.map { principal($0.id) } + [router, projector, api])
    }

    /// The ACL entries, sorted. Grants count when in force on `day` (nil: ignore validity dates).
    public static func entries(catalogue: Catalogue, grants: GrantTable, on day: CalendarDate? = nil) -> [AclBinding] {
        var entries = Set<AclBinding>()
        func add(_ who: String, _ type: AclBinding.ResourceType, _ name: String, _ operations: [AclBinding.Operation],
                 pattern: AclBinding.PatternType = .literal) {
            for operation in operations {
                entries.insert(AclBinding(principal: who, resourceType: type, patternType: pattern, resourceName: name, operation: operation))
            }
        }
        let subscribers = Set(grants.all.filter { $0.isInForce(on: day) }.map(\.subscriber))
        for department in catalogue.departments {
            let who = principal(department.id)
            for theme in catalogue.themes where theme.provider == department.id {
                add(who, .topic, Topics.source(theme.id), [.write, .describe])
            }
            if subscribers.contains(department.id) {
                add(who, .topic, Topics.subscriber(department.id), [.read, .describe])
                add(who, .group, "shuniu-sub.\(department.id)", [.read])
            }
            add(who, .topic, Topics.grants, [.read, .write, .describe])
            add(who, .topic, Topics.identities, [.read, .describe])
            // Issuers append their signed licence records; the register refuses any other's.
            add(who, .topic, Topics.licences, [.read, .write, .describe])
            if department.id == checkCentre {
                add(who, .topic, Topics.access, [.read, .write, .describe])
            }
        }
        add(router, .topic, "src.", [.read, .describe], pattern: .prefixed)
        add(router, .topic, "sub.", [.write, .describe], pattern: .prefixed)
        add(router, .topic, "dlq.", [.write, .describe], pattern: .prefixed)
        add(router, .topic, Topics.audit, [.read, .write, .describe])
        add(router, .topic, Topics.grants, [.read, .describe])
        add(router, .topic, Topics.identities, [.read, .describe])
        add(router, .group, "shuniu-router", [.read])
        add(router, .transactionalID, "shuniu-router-", [.write, .describe], pattern: .prefixed)
        add(router, .cluster, "kafka-cluster", [.create, .describe])
        add(projector, .topic, "src.", [.read, .describe], pattern: .prefixed)
        add(projector, .topic, Topics.identities, [.read, .describe])
        add(api, .topic, Topics.grants, [.read, .write, .describe])
        add(api, .topic, Topics.identities, [.read, .describe])
        add(api, .topic, Topics.access, [.read, .write, .describe])
        return entries.sorted()
    }

    /// What to change so that the cluster holds exactly the plan for the managed principals.
    public static func diff(plan: [AclBinding], current: [AclBinding], managed: Set<String>) -> (create: [AclBinding], delete: [AclBinding]) {
        let wanted = Set(plan)
        let present = Set(current)
        return (wanted.subtracting(present).sorted(),
                present.subtracting(wanted).filter { managed.contains($0.principal) }.sorted())
    }

    /// Whether the plan lets `principal` do `operation` on `topic` (literal or prefixed entries).
    public static func allows(_ plan: [AclBinding], principal: String, _ operation: AclBinding.Operation, topic: String) -> Bool {
        plan.contains { entry in
            entry.principal == principal && entry.resourceType == .topic && entry.permission == .allow
                && (entry.operation == operation || entry.operation == .all)
                && (entry.patternType == .literal ? entry.resourceName == topic : topic.hasPrefix(entry.resourceName))
        }
    }
}
