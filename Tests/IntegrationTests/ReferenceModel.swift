import ShuniuModel

/// An independent, deliberately plain statement of what each subscriber must receive: for
/// every event in order and every grant in force, scope by the row's values, the granted
/// fields plus the key, masks applied; a scoped subscriber that holds a subject gets a delete
/// when the row leaves its scope or is deleted.
struct ReferenceModel {
    struct Delivery: Hashable {
        var eventID: String
        var grant: String
        var type: String
        var fields: [String: JSONScalar]
    }

    let keys: PseudonymKeys
    var held: Set<String> = []
    var expected: [String: Set<Delivery>] = [:]

    mutating func route(_ event: ChangeEvent, grants: [(id: String, application: GrantApplication)], theme: Theme) {
        for (id, application) in grants where application.theme == event.theme {
            let holderKey = "\(id)|\(event.subject)"
            let scoped = !application.scope.isEmpty
            guard event.action == .upserted, let row = try? Row.parse(bytes: event.value) else {
                if !scoped || held.contains(holderKey) {
                    held.remove(holderKey)
                    expected[application.subscriber, default: []].insert(Delivery(
                        eventID: deliveredID(event.id, grant: id, subscriber: application.subscriber, leftScope: false),
                        grant: id, type: "\(event.theme).deleted", fields: [:]))
                }
                continue
            }
            let inScope = application.scope.allSatisfy { field, values in
                guard let value = row[field] else { return false }
                return values.contains(value.stringValue ?? value.numberText ?? "")
            }
            guard inScope else {
                if scoped && held.contains(holderKey) {
                    held.remove(holderKey)
                    expected[application.subscriber, default: []].insert(Delivery(
                        eventID: deliveredID(event.id, grant: id, subscriber: application.subscriber, leftScope: true),
                        grant: id, type: "\(event.theme).deleted", fields: [:]))
                }
                continue
            }
            if scoped { held.insert(holderKey) }
            var fields: [String: JSONScalar] = [:]
            for field in row.fields where field.name == theme.subject.key || application.fields.contains(field.name) {
                guard let rule = application.masks[field.name] else { fields[field.name] = field.value; continue }
                if let masked = mask(field.value, rule: rule, subscriber: application.subscriber) { fields[field.name] = masked }
            }
            expected[application.subscriber, default: []].insert(Delivery(
                eventID: deliveredID(event.id, grant: id, subscriber: application.subscriber, leftScope: false),
                grant: id, type: "\(event.theme).upserted", fields: fields))
        }
    }

    /// The delivered `ce_id` (docs/router.md, the delivered envelope): `d-` and the first 32
    /// hex digits of the subscriber's pseudonym of `ce_id\n<grant>\n<event|left-scope>\n<source ce_id>`.
    func deliveredID(_ source: String, grant: String, subscriber: String, leftScope: Bool) -> String {
        "d-" + keys.pseudonym("ce_id\n\(grant)\n\(leftScope ? "left-scope" : "event")\n\(source)", for: subscriber).prefix(32)
    }

    func mask(_ value: JSONScalar, rule: String, subscriber: String) -> JSONScalar? {
        if rule == "drop" { return nil }
        if value == .null { return .null }
        let text = value.stringValue ?? value.numberText ?? (value.boolValue.map { $0 ? "true" : "false" } ?? "")
        if rule == "pseudonym" { return .string(keys.pseudonym(text, for: subscriber)) }
        if rule == "year" { return .string(String(text.prefix(4))) }
        let parts = rule.split(separator: ":")
        let (first, last) = parts.count == 3 ? (Int(parts[1])!, Int(parts[2])!) : (6, 4)
        let characters = Array(text)
        if characters.count <= first + last { return .string(String(repeating: "*", count: characters.count)) }
        return .string(String(characters.prefix(first)) + String(repeating: "*", count: characters.count - first - last) + String(characters.suffix(last)))
    }
}
