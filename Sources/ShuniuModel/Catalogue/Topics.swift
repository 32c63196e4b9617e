/// The names of the hub's Kafka topics (DESIGN.md, "Topics").
public enum Topics: Sendable {
    /// A provider's change feed for a theme: `src.<theme>`.
    public static func source(_ themeID: String) -> String { "src.\(themeID)" }

    /// A subscriber department's delivery topic: `sub.<department>`.
    public static func subscriber(_ departmentID: String) -> String { "sub.\(departmentID)" }

    /// Rejected input of a theme, with the reason: `dlq.<theme>`.
    public static func deadLetter(_ themeID: String) -> String { "dlq.\(themeID)" }

    /// Every routing decision.
    public static let audit = "audit.exchange"

    /// Every read of a library through the hub (API look-ups, household checks), hash-chained
    /// in the same format as ``audit``.
    public static let access = "audit.access"

    /// The grant application and approval log.
    public static let grants = "ctl.grants"

    /// The credit objection log (异议): filings, reviews and decisions on credit records.
    public static let creditObjections = "ctl.credit-objections"

    /// The identity registry: parties' public keys registered and revoked, signed by the hub.
    public static let identities = "ctl.identities"

    /// The e-licence register: licences issued and revoked, signed by their issuers
    /// (one partition, never expires).
    public static let licences = "ctl.licences"

    /// Partitions of ``creditObjections``: one, so every replay sees one total order.
    public static let creditObjectionsPartitions = 1

    /// Partitions of each `sub.*` topic.
    public static let subscriberPartitions = 3

    /// Partitions of ``audit``.
    public static let auditPartitions = 3

    /// Partitions of ``access``.
    public static let accessPartitions = 3

    /// Partitions of ``grants``: one, so that every service replays grants in one total order.
    public static let grantsPartitions = 1
}

/// A topic to create: its name and partition count.
public struct TopicSpec: Sendable, Hashable, Codable {
    /// The topic name.
    public var name: String
    /// Its number of partitions.
    public var partitions: Int

    /// Creates a topic specification.
    public init(name: String, partitions: Int) {
        self.name = name
        self.partitions = partitions
    }
}

extension Catalogue {
    /// Every topic the design names for this catalogue, in a stable order:
    /// `src.*` and `dlq.*` per theme (the theme's partitions), `sub.*` per department,
    /// then `audit.exchange`, `audit.access`, `ctl.grants`, `ctl.credit-objections`, `ctl.identities` and `ctl.licences`.
    public func topicPlan() -> [TopicSpec] {
        var plan: [TopicSpec] = []
        for theme in themes {
            plan.append(TopicSpec(name: Topics.source(theme.id), partitions: theme.partitions))
            plan.append(TopicSpec(name: Topics.deadLetter(theme.id), partitions: theme.partitions))
        }
        for department in departments {
            plan.append(TopicSpec(name: Topics.subscriber(department.id),
                                  partitions: Topics.subscriberPartitions))
        }
        plan.append(TopicSpec(name: Topics.audit, partitions: Topics.auditPartitions))
        plan.append(TopicSpec(name: Topics.access, partitions: Topics.accessPartitions))
        plan.append(TopicSpec(name: Topics.grants, partitions: Topics.grantsPartitions))
        plan.append(TopicSpec(name: Topics.creditObjections, partitions: Topics.creditObjectionsPartitions))
        plan.append(TopicSpec(name: Topics.identities, partitions: 1))
        plan.append(TopicSpec(name: Topics.licences, partitions: 1))
        return plan
    }
}
