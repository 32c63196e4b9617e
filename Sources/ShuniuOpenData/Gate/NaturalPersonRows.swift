import ShuniuModel

/// The row rule of the gate for record-level datasets, for every dataset whatever its own
/// filter: a row about a natural person or a sole trader is never published. A sole trader
/// (个体工商户, credit code `92…`) is one natural person's business and is often registered under
/// that person's own name, so its rows count as a person's.
///
/// A row is about one when, in the theme's current row (before the dataset's projection):
/// - its subject is a citizen ID (the theme's key is a `citizen-id` field), or a party's
///   citizen ID is set: a `citizen-id` field `P_citizen_id` beside a `credit-code` field
///   `P_credit_code` (the party P is a person or an organisation: `offender_citizen_id`), or
/// - any `credit-code` field holds a sole trader's code (`92…`), or
/// - a `…_kind` enum field says `person`, `individual` or `sole-trader`.
///
/// The citizen ID of someone acting *for* an organisation (`legal_representative_citizen_id`)
/// does not make the row a person's: that field itself never opens (`identifying-field`).
public enum NaturalPersonRows {
    /// `…_kind` values that name a natural person or a sole trader.
    public static let personKinds: Set<String> = ["person", "individual", "sole-trader"]

    /// Whether `row` of `theme` is about a natural person or a sole trader.
    public static func concerns(_ row: Row, theme: Theme) -> Bool {
        for spec in theme.fields {
            guard let value = row[spec.name], value != .null else { continue }
            switch spec.type {
            case .citizenID:
                if spec.name == theme.subject.key || isPartyIdentifier(spec.name, theme) { return true }
            case .creditCode:
                if let code = value.stringValue, NaturalPerson.isSoleTrader(code.uppercased()) { return true }
            case .enum:
                if spec.name.hasSuffix("_kind"), let kind = value.stringValue, personKinds.contains(kind) { return true }
            default:
                continue
            }
        }
        return false
    }

    private static func isPartyIdentifier(_ name: String, _ theme: Theme) -> Bool {
        guard name.hasSuffix("_citizen_id") else { return false }
        return theme.field(String(name.dropLast("_citizen_id".count)) + "_credit_code")?.type == .creditCode
    }

    /// The rows of `rows` that may open.
    public static func removing(from rows: [Row], theme: Theme) -> [Row] {
        rows.filter { !concerns($0, theme: theme) }
    }
}
