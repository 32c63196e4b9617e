import ShuniuModel

/// The checks on what a dataset takes from a theme, before any value is looked at: the
/// negative list, the theme's open type and subject, each field's sensitivity and type, and
/// no natural person's name in any dataset: a field that always names a person
/// (`Theme.personNameFields`: an operator, a legal representative, a person theme's `name`)
/// is refused in records and counts alike (`person-name`); a party-name field
/// (`Theme.partyNameFields`: `offender_name`, `debtor_name`) may open in records because
/// ``NaturalPersonRows`` removes every row about a natural person or a sole trader, but never as
/// a count dimension.
public enum DefinitionGate {
    /// The refusals for `dataset` over `theme` (empty when its definition may open).
    public static func review(_ dataset: OpenDataset, theme: Theme, negativeList: NegativeList) -> [DisclosureRefusal] {
        if let reason = negativeList.reason(theme: theme.id) {
            return [DisclosureRefusal(code: .negativeList, message: "theme '\(theme.id)' is on the negative list (\(reason)); it opens in no form, remove dataset '\(dataset.id)'")]
        }
        var refusals: [DisclosureRefusal] = []
        let personNames = theme.personNameFields
        for name in dataset.fieldsRead {
            guard theme.field(name) != nil else {
                refusals.append(DisclosureRefusal(code: .unknownField, message: "theme '\(theme.id)' has no field '\(name)'; fix dataset '\(dataset.id)'"))
                continue
            }
            if let reason = negativeList.reason(field: name, theme: theme.id) {
                refusals.append(DisclosureRefusal(code: .negativeList, message: "field '\(name)' of '\(theme.id)' is on the negative list (\(reason)); leave it out of dataset '\(dataset.id)'"))
            } else if personNames.contains(name) {
                refusals.append(DisclosureRefusal(code: .personName, message: "field '\(name)' of '\(theme.id)' is a natural person's name; no open dataset carries one, leave it out of dataset '\(dataset.id)'"))
            }
        }
        switch dataset.content {
        case .records(let fields):
            if theme.open != .open {
                refusals.append(DisclosureRefusal(code: .notOpen, message: "theme '\(theme.id)' is '\(theme.open.rawValue)', not 'open', in the catalogue; publish it as counts or change its open type"))
            }
            if theme.subject.kind == .person {
                refusals.append(DisclosureRefusal(code: .personRecords, message: "theme '\(theme.id)' is about persons; its data opens only as counts (a count table dataset)"))
            }
            for spec in fields.compactMap(theme.field) {
                if spec.type == .citizenID {
                    refusals.append(DisclosureRefusal(code: .identifyingField, message: "field '\(spec.name)' of '\(theme.id)' is a citizen ID; leave it out"))
                } else if spec.sensitivity != .public {
                    refusals.append(DisclosureRefusal(code: .nonPublicField, message: "field '\(spec.name)' of '\(theme.id)' is '\(spec.sensitivity.rawValue)'; only public fields open, leave it out"))
                }
            }
        case .counts(let rows, let column):
            for spec in (rows + [column]).compactMap({ theme.field($0.field) }) {
                if theme.partyNameFields.contains(spec.name) {
                    refusals.append(DisclosureRefusal(code: .personName, message: "dimension field '\(spec.name)' of '\(theme.id)' names a party, a natural person on some rows; count by a category instead"))
                } else if spec.type == .citizenID || spec.type == .creditCode {
                    refusals.append(DisclosureRefusal(code: .identifyingField, message: "dimension field '\(spec.name)' of '\(theme.id)' is an identifier; count by a category instead"))
                } else if spec.sensitivity == .secret {
                    refusals.append(DisclosureRefusal(code: .nonPublicField, message: "dimension field '\(spec.name)' of '\(theme.id)' is secret; count by another field"))
                }
            }
        }
        return refusals
    }
}

/// The value scan of record-level rows: no published value may be a valid citizen ID
/// (GB 11643), whatever field it is in.
public enum IdentifierScan {
    /// The refusals for `rows` of `dataset` (empty when no value is a citizen ID).
    public static func review(_ rows: [Row], dataset: OpenDataset) -> [DisclosureRefusal] {
        var hits: [String: Int] = [:]
        for row in rows {
            for field in row.fields {
                guard let text = field.value.stringValue ?? field.value.numberText, containsCitizenID(text) else { continue }
                hits[field.name, default: 0] += 1
            }
        }
        return hits.keys.sorted().map { name in
            DisclosureRefusal(code: .identifyingField,
                              message: "field '\(name)' of dataset '\(dataset.id)' holds a citizen ID number in \(hits[name]!) row(s); mask it at the source or leave the field out")
        }
    }

    /// Whether any 18-character run of digits (and a final X) in `text` is a valid citizen ID.
    public static func containsCitizenID(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        guard characters.count >= 18 else { return false }
        var start = 0
        while start + 18 <= characters.count {
            let window = characters[start..<start + 18]
            let digits = window.prefix(17).allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
            let last = window.last!
            if digits, last &- UInt8(ascii: "0") < 10 || last == UInt8(ascii: "X") || last == UInt8(ascii: "x"),
               (try? CitizenID(validating: String(decoding: window, as: UTF8.self).uppercased())) != nil {
                return true
            }
            start += 1
        }
        return false
    }
}
