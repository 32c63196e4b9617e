import ShuniuModel

/// What the keyless public view hides of a natural person (docs/credit.md, "Natural persons
/// in the public view"): for a subject that is a citizen ID or a sole trader (`92…`), every
/// personal name the subject's records give is shown with its surname only (`王*`), wherever
/// it appears in a public field (a case name repeats it), so a look-up by ID never returns a
/// full name.
///
/// The names come from the subject's own records, public or not: the fields that always name a
/// person (`operator_name` of the sole-trader registration, a legal representative) and, for a
/// citizen ID, the party-name fields (`offender_name`, `holder_name`, `debtor_name`). For a sole
/// trader a party name is the operator's when it equals a known operator name, or, when no
/// registration names the operator, when it is as short as a personal name (at most 4
/// characters: a registered shop name is longer, `广州市越秀区陈记士多`).
struct NaturalPersonMask {
    /// Known names, longest first, with their masked form.
    private let names: [(name: String, masked: String)]

    /// The mask for `subject`, nil when the subject is not a natural person.
    init?(subject: String, records: [CreditRecord], nameFields: [String: CreditNameFields]) {
        guard NaturalPerson.isSubject(subject) else { return nil }
        let isSoleTrader = NaturalPerson.isSoleTrader(subject)
        var operators: Set<String> = []
        var partyNames: Set<String> = []
        for record in records {
            guard let fields = nameFields[record.theme] else { continue }
            for name in fields.person { if let value = record.row[name]?.stringValue, !value.isEmpty { operators.insert(value) } }
            for name in fields.party { if let value = record.row[name]?.stringValue, !value.isEmpty { partyNames.insert(value) } }
        }
        var known = operators
        if !isSoleTrader {
            known.formUnion(partyNames)
        } else {
            known.formUnion(partyNames.filter { operators.isEmpty ? $0.count <= 4 : operators.contains($0) })
        }
        names = known.filter { $0.count >= 2 }.sorted { ($0.count, $0) > ($1.count, $1) }.map { ($0, Self.surnameOnly($0)) }
    }

    /// A personal name with its surname only: the first character and `*` (`王*`).
    static func surnameOnly(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + "*"
    }

    /// `row` with every known name masked in its string values.
    func apply(to row: Row) -> Row {
        Row(distinctFields: row.fields.map { field in
            guard var text = field.value.stringValue else { return field }
            for (name, masked) in names { text = text.replacing(name, with: masked) }
            return Row.Field(name: field.name, value: .string(text))
        })
    }
}

/// The name fields of one credit theme (see `Theme.personNameFields`, `Theme.partyNameFields`).
struct CreditNameFields: Sendable {
    /// Always a person's name.
    var person: Set<String>
    /// A party's name: a person's on the records about one.
    var party: Set<String>

    /// Fields that name a person even where the catalogue's structure cannot tell (no ID beside
    /// them): on a natural person's records a legal representative is the person (a sole
    /// trader's operator). The negative list names the same field for every theme.
    static let alwaysPersons: Set<String> = ["legal_representative"]

    /// The name fields of `theme`.
    init(_ theme: Theme) {
        person = theme.personNameFields.union(Self.alwaysPersons.filter { theme.field($0) != nil })
        party = theme.partyNameFields
    }
}
