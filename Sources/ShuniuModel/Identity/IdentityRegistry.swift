import Foundation

/// The parties' public keys, rebuilt by replaying `ctl.identities` in order, and the check
/// of a control record's signature against them (pure: no Kafka, no clock).
///
/// Trust starts at the hub's own key (`SigningKey.hub`): only records the hub signed change
/// the registry. A key is valid for the records written before it was revoked: revocation
/// names, per control topic, the first offset from which the key's signatures are refused,
/// so every service decides the same way on replay and nobody can backdate a record past it.
public struct IdentityRegistry: Sendable {
    /// One registered key.
    public struct Entry: Sendable, Hashable {
        /// The party it belongs to.
        public let party: String
        /// The public key.
        public let key: VerifyingKey
        /// When it was registered (RFC 3339).
        public let registeredAt: String
        /// Set once revoked: when, why, and from which offset of each control topic.
        public internal(set) var revocation: Revocation?
    }

    /// A key's revocation.
    public struct Revocation: Sendable, Hashable {
        /// When (RFC 3339).
        public let at: String
        /// Why.
        public let reason: String
        /// Control topic to the first offset whose records the key may no longer sign.
        public let effective: [String: Int64]
    }

    /// The longest party name accepted.
    public static let maximumPartyLength = 128

    /// The hub's public key: the root of trust.
    public let hub: VerifyingKey
    /// Registered keys by key id.
    public private(set) var entries: [String: Entry] = [:]
    /// Records refused during replay, with the reason (shown by `shuniu identity list`).
    public private(set) var refused: [(event: IdentityEvent, reason: String)] = []

    /// An empty registry that trusts `hub`.
    public init(hub: VerifyingKey) { self.hub = hub }

    /// The keys of `party`, oldest first.
    public func keys(of party: String) -> [Entry] {
        entries.values.filter { $0.party == party }.sorted { ($0.registeredAt, $0.key.id) < ($1.registeredAt, $1.key.id) }
    }

    /// Every entry, by party then registration.
    public var all: [Entry] {
        entries.values.sorted { ($0.party, $0.registeredAt, $0.key.id) < ($1.party, $1.registeredAt, $1.key.id) }
    }

    /// Applies one `ctl.identities` record; returns why it was refused, or nil.
    @discardableResult
    public mutating func apply(_ event: IdentityEvent) -> String? {
        if let reason = refusal(of: event) {
            refused.append((event, reason))
            return reason
        }
        switch event.kind {
        case .registered:
            guard let key = event.publicKey.flatMap(VerifyingKey.init(base64:)) else { return nil }
            entries[key.id] = Entry(party: event.party, key: key, registeredAt: event.at, revocation: nil)
        case .revoked:
            entries[event.key]?.revocation = Revocation(at: event.at, reason: event.reason ?? "", effective: event.effective ?? [:])
        }
        return nil
    }

    private func refusal(of event: IdentityEvent) -> String? {
        guard let signature = event.signature, signature.key == hub.id,
              let bytes = Data(base64Encoded: signature.value).map(Array.init),
              hub.verifies(bytes, of: ControlSignature.message(canonical: event.canonical, via: signature.via), in: .identities) else {
            return "not signed by the hub key \(hub.id): only `shuniu identity` with the hub secret writes this registry"
        }
        guard !event.party.isEmpty, event.party.utf8.count <= Self.maximumPartyLength, event.party != GrantWorkflow.hub else {
            return "party '\(event.party.prefix(40))' is not a department, arbitration body or subject id"
        }
        switch event.kind {
        case .registered:
            guard let key = event.publicKey.flatMap(VerifyingKey.init(base64:)), key.id == event.key else {
                return "key \(event.key.prefix(40)) does not match its public key"
            }
            guard entries[key.id] == nil else { return "key \(key.id) is already registered (to \(entries[key.id]?.party ?? "?"))" }
        case .revoked:
            guard let entry = entries[event.key], entry.party == event.party else {
                return "key \(event.key.prefix(40)) is not a registered key of \(event.party.prefix(40))"
            }
            guard entry.revocation == nil else { return "key \(event.key) is already revoked" }
            guard let effective = event.effective, effective.values.allSatisfy({ $0 >= 0 }) else {
                return "a revocation names the first offset of each control topic it applies from"
            }
        }
        return nil
    }

    /// Checks the signature of a control record that `party` must sign: the record at
    /// `offset` of `topic`, whose canonical form (without its signature) is `canonical`.
    /// The hub's key may sign for the hub itself, or for another party with `via` set.
    public func check(_ signature: ControlSignature?, canonical: [UInt8], by party: String, domain: SignatureDomain,
                      topic: String, offset: Int64) -> AuthenticityRefusal? {
        guard let signature else {
            return AuthenticityRefusal(.unsigned, "unsigned; every step on \(topic) is signed by the party that takes it (\(party)): use --key FILE")
        }
        guard let bytes = Data(base64Encoded: signature.value).map(Array.init), bytes.count == 64 else {
            return AuthenticityRefusal(.badSignature, "the signature is not 64 base64 bytes")
        }
        let message = ControlSignature.message(canonical: canonical, via: signature.via)
        if signature.key == hub.id {
            if party != GrantWorkflow.hub, (signature.via ?? "").isEmpty {
                return AuthenticityRefusal(.hubWithoutVia, "signed by the hub for \(party) without naming how the hub authenticated \(party)")
            }
            return hub.verifies(bytes, of: message, in: domain) ? nil
                : AuthenticityRefusal(.badSignature, "the hub's signature does not verify: the record was changed after signing, or signed for another record")
        }
        guard let entry = entries[signature.key] else {
            return AuthenticityRefusal(.unknownKey, "key \(signature.key.prefix(40)) is not in the identity registry (see `shuniu identity list`)")
        }
        guard entry.party == party else {
            return AuthenticityRefusal(.wrongSigner, "signed with a key of \(entry.party), but only \(party) may take this step")
        }
        if let revocation = entry.revocation, offset >= revocation.effective[topic] ?? 0 {
            return AuthenticityRefusal(.revokedKey, "key \(entry.key.id) of \(party) was revoked at \(revocation.at) (\(revocation.reason)); sign with the party's current key")
        }
        return entry.key.verifies(bytes, of: message, in: domain) ? nil
            : AuthenticityRefusal(.badSignature, "the signature of \(entry.key.id) does not verify: the record was changed after signing, or the signature was copied from another record")
    }
}
