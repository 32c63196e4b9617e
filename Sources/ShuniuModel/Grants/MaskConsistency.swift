/// A masked identifier must not be recoverable from something else the same department
/// receives: when any of a department's grants delivers an identifier field in clear (say a
/// theme's `citizen_id`), masking another field of the same kind (`IdentifierKind`) is
/// inconsistent, and the application that would make it so is refused (`recoverable-mask`).
///
/// The marriage case: `marriage` is keyed by `citizen_id` and carries `spouse_citizen_id`.
/// Masking the spouse's ID while the subject's `citizen_id` goes out in clear hides nothing:
/// the spouse's own record, delivered under the same grant, carries it in clear (and a partial
/// mask or a registration date pairs the two records up). The consistent choices are to mask
/// both (`--mask citizen_id=pseudonym --mask spouse_citizen_id=pseudonym`; the router then keys
/// the records by the department's pseudonym too) or to deliver both in clear.
///
/// The rule is checked across themes, because a department's pseudonyms are stable across its
/// grants: what it holds in clear under one grant is its dictionary for the others. The grants
/// compared are the department's applications still pending and its grants in force on the
/// day of the step; it is checked when a department applies and again whenever a grant
/// becomes approved (so a refusal overturned by arbitration cannot reopen the hole). Fields
/// masked with `drop` are not delivered and do not count.
public enum MaskConsistency {
    /// One identifier field a department receives under an application or a grant.
    public struct Exposure: Sendable, Hashable {
        /// The theme.
        public var theme: String
        /// The field.
        public var field: String
        /// Its identifier kind.
        public var kind: IdentifierKind
        /// Its mask rule's text; `nil` when delivered in clear.
        public var mask: String?
        /// The grant delivering it; `nil` for the application being checked.
        public var grant: String?
    }

    /// The identifier fields `application` delivers on `theme`.
    public static func exposures(of application: GrantApplication, theme: Theme, grant: String?) -> [Exposure] {
        SensitivityPolicy.deliveredFields(of: application, theme: theme).compactMap { field in
            IdentifierKind(field).map {
                Exposure(theme: theme.id, field: field.name, kind: $0, mask: application.masks[field.name], grant: grant)
            }
        }
    }

    /// Checks `application` (already in `table` as grant `id`, or new when `id` is `nil`)
    /// against its subscriber's other grants pending or in force on `day`.
    public static func check(_ application: GrantApplication, id: String?, table: GrantTable, catalogue: Catalogue,
                             on day: CalendarDate?) throws(GrantRefusal) {
        guard let theme = catalogue.theme(application.theme) else { return }
        let own = exposures(of: application, theme: theme, grant: nil)
        guard !own.isEmpty else { return }
        var others: [Exposure] = []
        for grant in table.all where grant.subscriber == application.subscriber && grant.id != id
            && (grant.state == .applied || grant.isInForce(on: day)) {
            guard let otherTheme = catalogue.theme(grant.theme) else { continue }
            others += exposures(of: grant.application, theme: otherTheme, grant: grant.id)
        }
        for kind in IdentifierKind.allCases {
            let mine = own.filter { $0.kind == kind }
            let theirs = others.filter { $0.kind == kind }
            if let masked = mine.first(where: { $0.mask != nil }), let clear = (mine + theirs).first(where: { $0.mask == nil }) {
                throw refusal(masked: masked, clear: clear, subscriber: application.subscriber)
            }
            if let clear = mine.first(where: { $0.mask == nil }), let masked = theirs.first(where: { $0.mask != nil }) {
                throw refusal(masked: masked, clear: clear, subscriber: application.subscriber)
            }
        }
    }

    private static func refusal(masked: Exposure, clear: Exposure, subscriber: String) -> GrantRefusal {
        func source(_ exposure: Exposure) -> String { exposure.grant.map { "grant \($0)" } ?? "this application" }
        func redo(_ exposure: Exposure) -> String { exposure.grant.map { " (revoke grant \($0) and apply again)" } ?? "" }
        return GrantRefusal(.recoverableMask,
            "\(masked.theme).\(masked.field) is masked (\(masked.mask ?? "")) under \(source(masked)), but "
            + "\(clear.theme).\(clear.field) under \(source(clear)) gives \(subscriber) \(clear.kind)s in clear, "
            + "from which the masked value can be read back (the other person's own record); either mask "
            + "\(clear.field) too (--mask \(clear.field)=pseudonym)\(redo(clear)), or deliver \(masked.field) "
            + "in clear (no --mask \(masked.field))\(redo(masked))")
    }
}
