/// Which fields of a theme carry a natural person's name, read from the catalogue's own
/// structure (no list to keep up to date):
///
/// - a field `P_name` or `P` next to a `citizen-id` field `P_citizen_id` names the person `P`
///   (`operator_name` / `operator_citizen_id`, `legal_representative` /
///   `legal_representative_citizen_id`, `debtor_name` / `debtor_citizen_id`);
/// - in a theme whose subject is a person, `name` is the person's name (other `…_name` fields
///   there may name an organisation: `employer_name`);
/// - such a field is a **party name** (a person *or* an organisation) when the theme also has a
///   `credit-code` field `P_credit_code` for the same party (`holder_name`, `offender_name`,
///   `debtor_name`): it names a natural person exactly on the rows whose party is one. Otherwise
///   it is **always** a person's name.
extension Theme {
    /// Fields that always hold a natural person's name.
    public var personNameFields: Set<String> { Set(nameFields.filter { !$0.value }.keys) }

    /// Fields that hold a party's name: a natural person's on the rows about a natural person
    /// (or a sole trader, often registered under the operator's own name), else an organisation's.
    public var partyNameFields: Set<String> { Set(nameFields.filter(\.value).keys) }

    /// Name field → whether it is a party name (true) or always a person's (false).
    private var nameFields: [String: Bool] {
        let names = Set(fields.map(\.name))
        func has(_ name: String, _ type: FieldType) -> Bool { names.contains(name) && field(name)?.type == type }
        var found: [String: Bool] = [:]
        for spec in fields where spec.type == .string {
            let party = spec.name.hasSuffix("_name") ? String(spec.name.dropLast(5)) : spec.name
            if has(party + "_citizen_id", .citizenID) || has(spec.name + "_citizen_id", .citizenID) {
                found[spec.name] = has(party + "_credit_code", .creditCode) || has(spec.name + "_credit_code", .creditCode)
            } else if subject.kind == .person && spec.name == "name" {
                found[spec.name] = false
            }
        }
        return found
    }
}

/// Natural persons among credit subjects and parties: a citizen ID (GB 11643), or the unified
/// social credit code of a sole trader (个体工商户, GB 32100 authority 9, kind 2: `92…`), which is
/// run by one natural person and often registered under that person's own name.
public enum NaturalPerson {
    /// True for a citizen ID or a sole trader's credit code (`92…`).
    public static func isSubject(_ identifier: String) -> Bool {
        let identifier = identifier.uppercased()
        return isSoleTrader(identifier) || (try? CitizenID(validating: identifier)) != nil
    }

    /// True for a credit code of a sole trader (it starts with `92`; the check character is not verified).
    public static func isSoleTrader(_ creditCode: String) -> Bool {
        creditCode.utf8.count == 18 && creditCode.hasPrefix("92")
    }
}
