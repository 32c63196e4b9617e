/// The kind of a legal-entity subject, which decides its registry and credit-code prefix.
enum EntityKind: Sendable, Hashable {
    /// A company or other enterprise (market regulation, code 91...).
    case enterprise
    /// An individual industrial and commercial household (market regulation, code 92...).
    case soleTrader
    /// A public institution (establishment office, code 12...).
    case publicInstitution
    /// A social organisation (civil affairs, code 51/52/53...).
    case socialOrganisation
    /// A government body (code 11...), the authority of licences and penalties.
    case governmentBody

    /// The catalogue value of `organisation-code.organisation_type`.
    var organisationType: String {
        switch self {
        case .enterprise: "enterprise"
        case .soleTrader: "sole-trader"
        case .publicInstitution: "public-institution"
        case .socialOrganisation: "social-organisation"
        case .governmentBody: "government-body"
        }
    }
}

/// How an entity's registration ended.
enum EntityEnding: Sendable {
    case cancelled, revoked
}

/// A legal-entity subject: one unified social credit code.
struct LegalEntity: Sendable {
    var kind: EntityKind
    /// The unified social credit code (GB 32100).
    var code: String
    /// The registered name (may be empty for sole traders).
    var name: String
    /// The legal representative, operator or person in charge (person index; -1 for government bodies).
    var representative: Int
    /// Where it is registered.
    var place: Place
    /// Establishment day.
    var established: Int
    /// Registered capital or funds in 10k CNY (cents of 10k CNY).
    var capital: Int
    /// Index into the industry list.
    var industry: Int
    /// A kind-specific variant: enterprise type, organisation type or funding source.
    var variant: Int
    /// Relative number of employees (0: none).
    var size: Int
    /// How and when the registration ended, if it did.
    var ending: (day: Int, kind: EntityEnding)?
    /// A change of registered capital in the window.
    var capitalChange: (day: Int, capital: Int)?
    /// A move to another address in the window.
    var relocation: (day: Int, place: Place)?
    /// A change of legal representative in the window.
    var representativeChange: (day: Int, person: Int)?

    /// The 9-character organisation code inside the credit code.
    var organisationCode: String { String(code.dropFirst(8).prefix(9)) }

    /// Whether the entity is registered and not ended on a day.
    func isActive(on day: Int) -> Bool { day >= established && (ending.map { day < $0.day } ?? true) }

    /// The registered place on a day.
    func place(on day: Int) -> Place {
        if let relocation, day >= relocation.day { return relocation.place }
        return place
    }

    /// The representative on a day.
    func representative(on day: Int) -> Int {
        if let change = representativeChange, day >= change.day { return change.person }
        return representative
    }

    /// Whether it can employ people.
    var employs: Bool { size > 0 && kind != .soleTrader && kind != .governmentBody }
}
