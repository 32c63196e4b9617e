/// The licence register rebuilt by replaying `ctl.licences` in order (pure: no Kafka, no
/// clock): every licence validly issued, by number and by holder, and its revocation.
///
/// A record changes the register only when its issuer's signature verifies against the
/// identity registry at the record's offset (a key revoked before the record was written
/// cannot sign it), the issuer is entitled to the licence's type, and the embedded licence
/// verifies; every other record is listed in ``refused`` with its reason.
public struct LicenceRegister: Sendable {
    /// One registered licence.
    public struct Entry: Sendable {
        /// The licence as issued.
        public let licence: Licence
        /// The offset of its `issued` record on `ctl.licences`.
        public let offset: Int64
        /// Set once revoked.
        public internal(set) var revocation: Revocation?
    }

    /// A licence's revocation.
    public struct Revocation: Sendable, Hashable {
        /// When (RFC 3339).
        public let at: String
        /// Why.
        public let reason: LicenceEvent.Reason
    }

    /// Registered licences by number.
    public private(set) var entries: [String: Entry] = [:]
    /// Licence numbers by holder, in issue order.
    public private(set) var byHolder: [String: [String]] = [:]
    /// The latest records refused (at most ``refusalsKept``), with their offset and reason:
    /// anyone may append to `ctl.licences`, so the list is bounded; ``refusedCount`` counts all.
    public private(set) var refused: [(offset: Int64, number: String, reason: String)] = []
    /// Every record refused so far.
    public private(set) var refusedCount = 0
    /// How many refusals ``refused`` keeps.
    public static let refusalsKept = 1_000
    /// The offset after the last record applied or refused.
    public private(set) var end: Int64 = 0

    /// An empty register.
    public init() {}

    /// The licences of `holder`, in issue order.
    public func licences(of holder: String) -> [Entry] {
        (byHolder[holder] ?? []).compactMap { entries[$0] }
    }

    /// The licences in force whose last valid day is one of the `lookback` days before `day`
    /// (so they expired on one of the last `lookback` days), in number order: what
    /// `shuniu licence expire` publishes as `status: expired` rows. Revoked licences keep their
    /// revocation.
    public func expired(before day: CalendarDate, lookback: Int) -> [Entry] {
        var days = Set<CalendarDate>()
        var cursor = day
        for _ in 0..<max(lookback, 0) {
            guard let previous = cursor.previousDay else { break }
            days.insert(previous)
            cursor = previous
        }
        return entries.values.filter { entry in
            entry.revocation == nil && entry.licence.validUntil.flatMap { CalendarDate(iso: $0) }.map(days.contains) == true
        }.sorted { $0.licence.number < $1.licence.number }
    }

    /// Notes a record at `offset` that is not a register record at all.
    public mutating func refuseUnreadable(offset: Int64) {
        end = max(end, offset + 1)
        note(offset, "", "not a licence register record")
    }

    /// Applies the record at `offset`; returns why it was refused, or nil.
    @discardableResult
    public mutating func apply(_ event: LicenceEvent, offset: Int64, registry: IdentityRegistry,
                               types: [String: LicenceType]) -> String? {
        end = max(end, offset + 1)
        if let reason = refusal(of: event, offset: offset, registry: registry, types: types) {
            note(offset, String(event.number.prefix(80)), reason)
            return reason
        }
        switch event.kind {
        case .issued:
            guard let licence = event.licence else { return nil }
            entries[licence.number] = Entry(licence: licence, offset: offset, revocation: nil)
            byHolder[licence.credentialSubject.id, default: []].append(licence.number)
        case .revoked:
            entries[event.number]?.revocation = Revocation(at: event.at, reason: event.reason ?? .withdrawn)
        }
        return nil
    }

    private mutating func note(_ offset: Int64, _ number: String, _ reason: String) {
        refusedCount += 1
        if refused.count == Self.refusalsKept { refused.removeFirst(Self.refusalsKept / 10) }
        refused.append((offset, number, reason))
    }

    private func refusal(of event: LicenceEvent, offset: Int64, registry: IdentityRegistry,
                         types: [String: LicenceType]) -> String? {
        if let refusal = registry.check(event.signature, canonical: event.canonical, by: event.by, domain: .licenceRegister,
                                        topic: Topics.licences, offset: offset) {
            return "\(refusal.code.rawValue): \(refusal.message)"
        }
        switch event.kind {
        case .issued:
            guard let licence = event.licence, licence.number == event.number else {
                return "an issued record carries the licence it registers"
            }
            guard entries[licence.number] == nil else { return "licence \(licence.number) is already registered" }
            guard licence.issuer.id == event.by else {
                return "licence \(licence.number) names issuer \(licence.issuer.id), but \(event.by) registered it"
            }
            guard let type = types[licence.licenceType] else { return "unknown licence type \(licence.licenceType.prefix(60))" }
            guard type.issuers.contains(event.by) else {
                return "\(event.by) is not entitled to issue \(type.id) (its issuers: \(type.issuers.joined(separator: ", ")))"
            }
            if let refusal = registry.check(licence.signature, canonical: licence.canonical, by: licence.issuer.id,
                                            domain: .licence, topic: Topics.licences, offset: offset) {
                return "the licence's proof: \(refusal.code.rawValue): \(refusal.message)"
            }
            guard licence.signature?.via == nil else { return "a licence is signed by its issuer's own key, not by the hub" }
        case .revoked:
            guard let entry = entries[event.number] else { return "no licence \(event.number.prefix(80)) is registered" }
            guard entry.licence.issuer.id == event.by else {
                return "only the issuer \(entry.licence.issuer.id) revokes licence \(event.number)"
            }
            guard entry.revocation == nil else { return "licence \(event.number) is already revoked" }
            guard event.reason != nil else { return "a revocation states its reason" }
        }
        return nil
    }
}
