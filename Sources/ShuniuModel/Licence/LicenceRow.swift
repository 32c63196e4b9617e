/// A licence as a change event of the `e-licences` theme, so the router, the libraries, the
/// credit library and the audit see it like any other record. The row's `content_sha256` is
/// the SHA-256 of the licence's JSON form: a subscriber holding the row can check a presented
/// licence against it.
public enum LicenceRow {
    /// The theme licences are published to.
    public static let theme = "e-licences"

    /// The event for `licence` in `status` (`valid`, `revoked`, `expired`), published by the
    /// theme's provider (the city's e-licence system) on the issuer's behalf; `sequence` 1 for
    /// the issue, 2 for a revocation, 3 for an expiry (`shuniu licence expire`).
    public static func event(_ licence: Licence, type: LicenceType, status: String, provider: String, sequence: Int64,
                             time: String) -> ChangeEvent {
        let subject = licence.credentialSubject
        let fields: [Row.Field] = [
            .init(name: "licence_id", value: .string(licence.number)),
            .init(name: "licence_type", value: .string(type.title.zh)),
            .init(name: "licence_no", value: .string(licence.number)),
            .init(name: "holder_kind", value: .string(subject.kind.rawValue)),
            .init(name: "holder_citizen_id", value: subject.kind == .person ? .string(subject.id) : .null),
            .init(name: "holder_credit_code", value: subject.kind == .legalEntity ? .string(subject.id) : .null),
            .init(name: "holder_name", value: .string(subject.name)),
            .init(name: "issuer", value: .string(licence.issuer.id)),
            .init(name: "issued_on", value: .string(licence.validFrom)),
            .init(name: "valid_until", value: licence.validUntil.map { .string($0) } ?? .null),
            .init(name: "status", value: .string(status)),
            .init(name: "content_sha256", value: .string(licence.digest)),
        ]
        return ChangeEvent.upsert(id: "licence-\(licence.number)-\(sequence)", source: provider, theme: theme,
                                  subject: licence.number, time: time, sequence: sequence, row: Row(fields))
    }
}
