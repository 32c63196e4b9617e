import ShuniuModel

/// Who sees which credit record (pure): the public view and a department's authorised view.
///
/// - Public (double publicity, 双公示): only licence and penalty records, only their fields of
///   sensitivity `public`; a penalty leaves after its `publicity_until` (credit repair); a
///   record is hidden while an objection against it is open, and withdrawn once an objection
///   against its current version is upheld. For a natural person (a citizen ID, or a sole
///   trader's `92…` credit code) personal names are shown with the surname only (`王*`,
///   ``NaturalPersonMask``); in every public view a citizen ID inside a value is masked 6+4.
/// - Authorised (`department`): every record a grant of the department in force on the day
///   covers (theme and row scope), with the grant's fields and masking, marked disputed while
///   an objection is open; plus the double-publicity records still in publicity and not
///   withdrawn, with their public fields (marked disputed too). Nothing else.
public struct CreditDisclosure: Sendable {
    private let publicFields: [String: Set<String>]
    private let nameFields: [String: CreditNameFields]

    /// Disclosure over `catalogue`'s field sensitivities.
    public init(catalogue: Catalogue) {
        var publicFields: [String: Set<String>] = [:]
        var nameFields: [String: CreditNameFields] = [:]
        for source in CreditSource.all {
            guard let theme = catalogue.theme(source.theme) else { continue }
            publicFields[theme.id] = Set(theme.fields.filter { $0.sensitivity == .public }.map(\.name))
            nameFields[theme.id] = CreditNameFields(theme)
        }
        self.publicFields = publicFields
        self.nameFields = nameFields
    }

    /// The public view of `subject` on `day`, from its records and objections.
    public func publicView(subject: String, records: [CreditRecord], objections: [Objection], on day: CalendarDate) -> CreditView {
        let mask = NaturalPersonMask(subject: subject, records: records, nameFields: nameFields)
        let entries = records.compactMap { record -> CreditEntry? in
            let status = ObjectionStatus(record, objections)
            guard record.isDoublePublicity, !record.publicityEnded(on: day), !status.disputed, !status.withdrawn else { return nil }
            var fields = record.row.projected(onto: publicFields[record.theme] ?? [])
            if let mask { fields = mask.apply(to: fields) }
            return entry(record, fields: Self.maskingCitizenIDs(fields), status: status, grant: nil)
        }
        return CreditView(subject: subject, kind: CreditSubjectKind.of(subject), on: day, department: nil, entries: entries)
    }

    /// The authorised view of `subject` for `department` on `day` under `grants`; `keys`
    /// are the departments' pseudonym keys.
    public func authorisedView(subject: String, records: [CreditRecord], objections: [Objection], on day: CalendarDate,
                               department: String, grants: GrantTable, keys: PseudonymKeys) -> CreditView {
        let entries = records.compactMap { record -> CreditEntry? in
            let status = ObjectionStatus(record, objections)
            if let grant = grants.inForce(theme: record.theme, on: day).first(where: { $0.subscriber == department && $0.covers(record.row) }) {
                return entry(record, fields: grant.deliver(record.row, keys: keys), status: status, grant: grant.id)
            }
            guard record.isDoublePublicity, !record.publicityEnded(on: day), !status.withdrawn else { return nil }
            return entry(record, fields: record.row.projected(onto: publicFields[record.theme] ?? []), status: status, grant: nil)
        }
        return CreditView(subject: subject, kind: CreditSubjectKind.of(subject), on: day, department: department, entries: entries)
    }

    /// `row` with every citizen ID inside a string value masked 6+4.
    static func maskingCitizenIDs(_ row: Row) -> Row {
        Row(distinctFields: row.fields.map { field in
            guard let text = field.value.stringValue else { return field }
            return Row.Field(name: field.name, value: .string(CitizenIDText.masked(text)))
        })
    }

    private func entry(_ record: CreditRecord, fields: Row, status: ObjectionStatus, grant: String?) -> CreditEntry {
        CreditEntry(record: record.id, theme: record.theme, creditClass: record.creditClass, date: record.date,
                    publicityUntil: record.publicityUntil, department: record.lineage.department, eventID: record.lineage.eventID,
                    sequence: record.lineage.sequence, fields: fields, disputed: status.disputed, objection: status.latest, grant: grant)
    }
}

/// What the objections against one record mean for it. Only objections filed by the record's
/// own subject count (a step on the topic naming someone else's record changes nothing).
struct ObjectionStatus {
    /// An objection is open.
    var disputed = false
    /// An objection against the record's current version was upheld.
    var withdrawn = false
    /// The latest objection's state.
    var latest: ObjectionState?

    init(_ record: CreditRecord, _ objections: [Objection]) {
        for objection in objections where objection.record == record.id && objection.subject == record.subject {
            latest = objection.state
            if objection.state.isOpen { disputed = true }
            if objection.state == .upheld && (objection.recordSequence ?? record.lineage.sequence) >= record.lineage.sequence {
                withdrawn = true
            }
        }
    }
}
