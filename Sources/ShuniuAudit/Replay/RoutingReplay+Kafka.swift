import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// What replay reads from the broker for some themes, in one pass: the grant history of
/// `ctl.grants`, each theme's source records by partition, and the `audit.exchange` records of
/// each theme's chains by source partition and offset. `replay` and `trace` both read through it.
public struct ReplaySources: Sendable {
    /// `ctl.grants` as a history.
    public let history: GrantHistory
    /// Per theme, per partition: the source records in offset order.
    public let records: [String: [Int32: [SourceRecord]]]
    /// Per theme, per partition, per source offset: the audit records of its routing (only
    /// records sealed with the hub's audit key).
    public let audited: [String: [Int32: [Int64: [AuditedDecision]]]]
    /// Per theme: the records of its chains that are not sealed with the hub's audit key
    /// (forged or altered; `audit verify` says which), with why.
    public let unsealed: [String: [UnsealedAuditRecord]]
    /// Per theme: the records of `sub.<department>` topics that claim it (read only when asked).
    public let received: [String: [ReceivedRecord]]
    /// The records of `sub.<department>` topics that claim no theme of the catalogue.
    public let unattributed: [ReceivedRecord]

    /// The partitions of `theme` that have source or audit records, in order.
    public func partitions(of theme: String) -> [Int32] {
        Set((records[theme] ?? [:]).keys).union((audited[theme] ?? [:]).keys).sorted()
    }

    /// Reads `ctl.identities`, `ctl.grants`, `src.<theme>` of every theme in `themes` and
    /// `audit.exchange` to their ends in one scan (every source record is held in memory until
    /// the replay), and with `subscribers` every department's `sub.<department>` too (a digest
    /// per record is kept). Under the hub `secret`, grant steps are checked against the identity
    /// registry as the router checks them, and audit records against the audit key.
    public static func read(client: KafkaClientConfig, catalogue: Catalogue, themes: [String], secret: HubSecret,
                            subscribers: Bool = false, progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplaySources {
        let hub = SigningKey.hub(secret).verifyingKey
        let auditKey = AuditKey(secret: secret)
        var identities: [(offset: Int64, event: IdentityEvent)] = []
        let topics = Dictionary(themes.map { (Topics.source($0), $0) }, uniquingKeysWith: { first, _ in first })
        let subscriberTopics = subscribers
            ? Dictionary(catalogue.departments.map { (Topics.subscriber($0.id), $0.id) }, uniquingKeysWith: { first, _ in first }) : [:]
        let wanted = Set(themes)
        var entries: [GrantHistory.Entry] = []
        var records: [String: [Int32: [SourceRecord]]] = [:]
        var audited: [String: [Int32: [Int64: [AuditedDecision]]]] = [:]
        var unsealed: [String: [UnsealedAuditRecord]] = [:]
        var received: [String: [ReceivedRecord]] = [:]
        var unattributed: [ReceivedRecord] = []
        let scanned = [Topics.identities, Topics.grants] + topics.keys.sorted() + [Topics.audit] + subscriberTopics.keys.sorted()
        try await TopicScan(client: client, progress: progress).scan(scanned) { message in
            if message.topic == Topics.identities {
                if let event = IdentityEvent.decode(message.value) { identities.append((message.offset, event)) }
            } else if message.topic == Topics.grants {
                entries.append(GrantHistory.Entry(offset: message.offset, timestamp: message.timestamp,
                                                  event: try? GrantEvent.decode(message.value)))
            } else if let theme = topics[message.topic] {
                records[theme, default: [:]][message.partition, default: []].append(SourceRecord(
                    offset: message.offset, timestamp: message.timestamp, key: message.key,
                    headers: message.envelopeHeaders, value: message.value))
            } else if message.topic == Topics.audit {
                switch RoutingReplay.auditedDecision(message, key: auditKey, of: topics.keys.contains) {
                case .none: return
                case .sealed(let topic, let partition, let offset, let decisions):
                    guard let theme = topics[topic] else { return }
                    audited[theme, default: [:]][partition, default: [:]][offset, default: []].append(contentsOf: decisions)
                case .unsealed(let topic, let record):
                    guard let theme = topics[topic] else { return }
                    unsealed[theme, default: []].append(record)
                }
            } else if let subscriber = subscriberTopics[message.topic] {
                // Only records of the themes replayed (or of none) are hashed.
                let headers = message.envelopeHeaders
                let theme = ReceivedRecord.claimedTheme(headers: headers) { catalogue.theme($0) != nil }
                guard theme.map(wanted.contains) ?? true else { return }
                let record = ReceivedRecord(subscriber: subscriber, topic: message.topic, partition: message.partition,
                                            offset: message.offset, key: message.key, headers: headers, value: message.value, theme: theme)
                if let theme { received[theme, default: []].append(record) } else { unattributed.append(record) }
            }
        }
        entries.sort { $0.offset < $1.offset }
        for (theme, partitions) in records {
            for (partition, list) in partitions { records[theme]?[partition] = list.sorted { $0.offset < $1.offset } }
        }
        var registry = IdentityRegistry(hub: hub)
        for identity in identities.sorted(by: { $0.offset < $1.offset }) { registry.apply(identity.event) }
        return ReplaySources(history: GrantHistory(entries: entries, catalogue: catalogue, registry: registry), records: records,
                             audited: audited, unsealed: unsealed, received: received, unattributed: unattributed)
    }
}

extension RoutingReplay {
    /// Reads `ctl.grants`, `src.<theme>` and `audit.exchange` to their ends and replays every
    /// partition of the theme. `secret` must be the router's hub secret (pseudonyms).
    public static func run(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret, theme: String,
                           window: TimeWindow = .all, progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplayReport {
        let sources = try await ReplaySources.read(client: client, catalogue: catalogue, themes: [theme], secret: secret,
                                                   subscribers: true, progress: progress)
        let replay = RoutingReplay(router: Router(catalogue: catalogue, secret: secret), history: sources.history, theme: theme, window: window)
        var report = ReplayReport(theme: theme, window: window)
        for partition in sources.partitions(of: theme) {
            report.merge(replay.replay(partition: partition, records: sources.records[theme]?[partition] ?? [],
                                       audited: sources.audited[theme]?[partition] ?? [:]))
        }
        report.check(unsealed: sources.unsealed[theme] ?? [])
        report.check(received: sources.received[theme] ?? [], unattributed: sources.unattributed,
                     audited: (sources.audited[theme] ?? [:]).values.flatMap(\.values).joined())
        return report
    }

    /// What an `audit.exchange` record is to replay.
    enum AuditRead {
        /// Not a record of a chain replay wants.
        case none
        /// A record sealed with the audit key: the source topic, partition and offset it names,
        /// and the decisions it states (one per decision; format 1 records state one).
        case sealed(String, Int32, Int64, [AuditedDecision])
        /// A record of a wanted chain that is not sealed with the audit key.
        case unsealed(String, UnsealedAuditRecord)
    }

    /// An `audit.exchange` record of the chain of a source topic `wanted` accepts (key
    /// `<topic>/<partition>#<n>`; other chains are skipped unopened), opened with `key`.
    static func auditedDecision(_ message: ConsumerMessage, key auditKey: AuditKey, of wanted: (String) -> Bool) -> AuditRead {
        guard let key = message.key, let slash = key.lastIndex(of: UInt8(ascii: "/")) else { return .none }
        let topic = String(decoding: key[..<slash], as: UTF8.self)
        guard wanted(topic) else { return .none }
        let position = "\(Topics.audit) \(message.partition)/\(message.offset)"
        let row: Row
        switch SealedAuditRecord.open(message.value, key: auditKey) {
        case .success(let sealed): row = sealed.row
        case .failure(let problem):
            let facts = (try? Row.parse(bytes: message.value)).flatMap { AuditRecord.decisions(of: $0).first }.map(DecisionFacts.init(record:))
            return .unsealed(topic, UnsealedAuditRecord(position: position, problem: problem.description, facts: facts))
        }
        guard let segment = row["chain"]?.stringValue, let source = row["source"]?.stringValue else { return .none }
        let parts = source.split(separator: "/")
        guard parts.count >= 3, let partition = Int32(parts[parts.count - 2]), let offset = Int64(parts[parts.count - 1]),
              parts.dropLast(2).joined(separator: "/") == topic else {
            return .unsealed(topic, UnsealedAuditRecord(position: position, problem: "names source \(source), not a record of \(topic)",
                                                        facts: AuditRecord.decisions(of: row).first.map(DecisionFacts.init(record:))))
        }
        let time = row["time"]?.stringValue ?? "", event = row["event"]?.stringValue ?? ""
        return .sealed(topic, partition, offset, AuditRecord.decisions(of: row).map { decision in
            AuditedDecision(segment: segment, timestamp: message.timestamp, time: time, event: event, position: position,
                            facts: DecisionFacts(record: decision))
        })
    }
}

/// An audit record of a chain replay reads that is not sealed with the hub's audit key.
public struct UnsealedAuditRecord: Sendable, Hashable {
    /// Where it sits (`audit.exchange partition/offset`).
    public var position: String
    /// Why it is refused.
    public var problem: String
    /// What it states, when it reads as a record at all.
    public var facts: DecisionFacts?
}
