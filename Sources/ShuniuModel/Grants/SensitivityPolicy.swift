/// The minimum the sensitivity of a delivered field sets on how an application is decided.
///
/// The theme's share type is the starting point (unconditional: the hub's compliance check
/// approves at once; conditional: the authoritative provider decides); each delivered field
/// (the granted fields and the subject's key field, except those masked with `drop`) may
/// raise it, never lower it:
///
/// | field sensitivity | to a city-wide body | to a district body (`kind: district`) |
/// |---|---|---|
/// | `public`, `internal` | as the share type | as the share type |
/// | `sensitive` | as the share type | as the share type |
/// | `secret`, masked | the provider decides, even on an unconditional theme | the provider decides |
/// | `secret`, unmasked | the provider decides, even on an unconditional theme | refused (`secret-to-district`) |
///
/// `sensitive` follows the share type because the catalogue marks every person's name and
/// citizen ID sensitive: they are what unconditional sharing by function exists for, and the
/// mask consistency rule (`MaskConsistency`) keeps their masking honest. A `secret` field
/// "never leaves the provider unmasked" without the provider's own decision, and a masked
/// secret value (a pseudonym of a diagnosis, say) still tells equal values apart, so it goes
/// to the provider too. A district body acts for its own residents' daily affairs and never
/// receives a secret value in clear. A theme whose share type is `none` is refused before
/// this table is read (`not-shared`).
public struct SensitivityPolicy: Sendable, Hashable {
    /// Who decides an application, from the least to the most restrictive.
    public enum Decision: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The hub's compliance check approves at once.
        case hub
        /// The theme's authoritative provider decides.
        case provider
        /// Refused at application.
        case refused

        public static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .hub: "approved by the compliance check"
            case .provider: "decided by the provider"
            case .refused: "refused"
            }
        }
    }

    /// The policy of the table above.
    public static let standard = SensitivityPolicy()

    /// The policy of the table above.
    public init() {}

    /// The table's cell: who decides for one delivered field.
    public func decision(for sensitivity: Sensitivity, masked: Bool, share: ShareType, districtBody: Bool) -> Decision {
        let base: Decision
        switch share {
        case .unconditional: base = .hub
        case .conditional: base = .provider
        case .none: return .refused
        }
        switch sensitivity {
        case .public, .internal, .sensitive:
            return base
        case .secret:
            return districtBody && !masked ? .refused : .provider
        }
    }

    /// Who decides `application` on `theme` for `subscriber`: the most restrictive cell over
    /// the delivered fields, with the field that set it (`nil` when the share type did).
    public func decision(for application: GrantApplication, theme: Theme,
                         subscriber: Department) -> (decision: Decision, field: FieldSpec?) {
        let districtBody = subscriber.kind == .district
        var result: (decision: Decision, field: FieldSpec?) =
            (decision(for: .public, masked: false, share: theme.share.type, districtBody: districtBody), nil)
        for field in Self.deliveredFields(of: application, theme: theme) {
            let mask = application.masks[field.name]
            let cell = decision(for: field.sensitivity, masked: mask != nil, share: theme.share.type, districtBody: districtBody)
            if cell > result.decision { result = (cell, field) }
        }
        return result
    }

    /// The fields `application` delivers: the granted fields and the subject's key field, in
    /// the theme's order, without those masked with `drop`.
    static func deliveredFields(of application: GrantApplication, theme: Theme) -> [FieldSpec] {
        let wanted = Set(application.fields).union([theme.subject.key])
        return theme.fields.filter { field in
            guard wanted.contains(field.name) else { return false }
            if let text = application.masks[field.name], let rule = try? MaskRule(parsing: text), rule.kind == .drop {
                return false
            }
            return true
        }
    }
}
