import ShuniuModel

/// The JSON document of a ``CreditView`` (CLI `--json`, the HTTP API):
/// `{"subject", "kind", "on", "view": "public"|"authorised", "department", "records": [...]}`.
public enum CreditViewJSON {
    /// Encodes `view`.
    public static func encode(_ view: CreditView) -> [UInt8] {
        var out: [UInt8] = []
        out += Array("{\"subject\":".utf8)
        JSONText.appendString(view.subject, to: &out)
        out += Array(",\"kind\":".utf8)
        if let kind = view.kind { JSONText.appendString(kind.rawValue, to: &out) } else { out += Array("null".utf8) }
        out += Array(",\"on\":".utf8)
        JSONText.appendString(view.on.description, to: &out)
        out += Array(",\"view\":".utf8)
        JSONText.appendString(view.department == nil ? "public" : "authorised", to: &out)
        if let department = view.department {
            out += Array(",\"department\":".utf8)
            JSONText.appendString(department, to: &out)
        }
        out += Array(",\"records\":[".utf8)
        for (index, entry) in view.entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"record\":".utf8)
            JSONText.appendString(entry.record, to: &out)
            for (name, value) in [("theme", entry.theme), ("class", entry.creditClass.rawValue), ("date", entry.date),
                                  ("publicity_until", entry.publicityUntil), ("department", entry.department),
                                  ("event_id", entry.eventID), ("objection", entry.objection?.rawValue), ("grant", entry.grant)] {
                guard let value else { continue }
                out += Array(",\"\(name)\":".utf8)
                JSONText.appendString(value, to: &out)
            }
            out += Array(",\"sequence\":\(entry.sequence),\"disputed\":\(entry.disputed),\"fields\":".utf8)
            entry.fields.serialize(into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("]}".utf8)
        return out
    }
}
