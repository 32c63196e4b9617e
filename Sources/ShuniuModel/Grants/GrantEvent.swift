import Foundation

/// What a department asks for: a theme, for one of its functions, under a legal basis, with
/// the fields it needs, how they are masked, which rows (scope) and until when.
public struct GrantApplication: Sendable, Hashable, Codable {
    /// The department that will receive the data (`sub.<subscriber>`).
    public var subscriber: String
    /// The theme applied for.
    public var theme: String
    /// The legal function (职能) the data serves; the applicant must hold it.
    public var function: String
    /// The legal basis in words (law, regulation, document number).
    public var basis: String
    /// The fields to receive; the theme's key field is always among the delivered fields.
    public var fields: [String]
    /// Field name to mask rule text (see `MaskRule`).
    public var masks: [String: String]
    /// Row scope: field name to the values a row must have in it (all conditions must hold).
    public var scope: [String: [String]]
    /// Last day of validity (`YYYY-MM-DD`, inclusive); `nil` for no end date.
    public var until: String?
    /// Days after a delivery or read under this grant before the subject's data use record
    /// shows it (investigative functions only, ``Catalogue/noticeDelayFunctions``); `nil`: shown at once.
    public var noticeDelayDays: Int?

    /// Describes an application.
    public init(subscriber: String, theme: String, function: String, basis: String, fields: [String],
                masks: [String: String] = [:], scope: [String: [String]] = [:], until: String? = nil,
                noticeDelayDays: Int? = nil) {
        self.noticeDelayDays = noticeDelayDays
        self.subscriber = subscriber
        self.theme = theme
        self.function = function
        self.basis = basis
        self.fields = fields
        self.masks = masks
        self.scope = scope
        self.until = until
    }
}

/// One step of the grant workflow, as a record on `ctl.grants` (key: the grant id, value:
/// this object as JSON). Replaying every event in order rebuilds the same `GrantTable`
/// in every service.
public struct GrantEvent: Sendable, Hashable, Codable, SignedControlRecord {
    /// The kinds of step.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A department applied (carries `application`).
        case applied
        /// The provider approved, or the hub's compliance check passed (`by: "hub"`).
        case approved
        /// The provider refused, with a reason.
        case rejected
        /// The arbitration body decided on a refusal (`decision` approve / reject).
        case arbitrated
        /// The provider or the subscriber ended the grant, with a reason.
        case revoked
    }

    /// The kind of step.
    public var kind: Kind
    /// The grant this step belongs to.
    public var grant: String
    /// Who took the step: a department id, `hub` or the arbitration body's id.
    public var by: String
    /// When (RFC 3339).
    public var at: String
    /// The reason given (required for refusals, arbitration and revocation).
    public var reason: String?
    /// The application, for `applied`.
    public var application: GrantApplication?
    /// The arbitration decision, for `arbitrated`: `approve` or `reject`.
    public var decision: String?
    /// The signature of the party that took the step (`by`), or of the hub acting for it.
    /// Services refuse a step whose signature does not verify (`IdentityRegistry.check`).
    public var signature: ControlSignature?

    /// Creates a workflow event.
    public init(kind: Kind, grant: String, by: String, at: String, reason: String? = nil,
                application: GrantApplication? = nil, decision: String? = nil) {
        self.kind = kind
        self.grant = grant
        self.by = by
        self.at = at
        self.reason = reason
        self.application = application
        self.decision = decision
    }

    /// The JSON value written to `ctl.grants` (sorted keys, so identical events are identical bytes).
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// Decodes a `ctl.grants` value (at most `ControlJSON.maximumSize` bytes).
    public static func decode(_ bytes: [UInt8]) throws(GrantRefusal) -> GrantEvent {
        guard bytes.count <= ControlJSON.maximumSize else {
            throw GrantRefusal(.malformedEvent, "a grant event of \(bytes.count) bytes is over the \(ControlJSON.maximumSize)-byte limit")
        }
        do {
            return try JSONDecoder().decode(GrantEvent.self, from: Data(bytes))
        } catch {
            throw GrantRefusal(.malformedEvent, "not a grant event: \(error)")
        }
    }
}

extension GrantEvent {
    /// Grant steps are signed in `shuniu/ctl.grants/v1`.
    public static var signatureDomain: SignatureDomain { .grants }
}
