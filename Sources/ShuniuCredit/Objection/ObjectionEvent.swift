import Foundation
import ShuniuModel

/// One step of an objection (异议), a record on `ctl.credit-objections` (key: the objection
/// id; value: this object as JSON with sorted keys). Replaying the topic in order rebuilds
/// every objection with ``ObjectionRules``.
public struct ObjectionEvent: Sendable, Hashable, Codable, SignedControlRecord {
    /// The kinds of step.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The subject files an objection against one of its records (carries subject, record, reason).
        case filed
        /// The record's authoritative provider starts the review.
        case reviewing
        /// The provider upholds the objection: the record was wrong and is withdrawn from the
        /// views (the provider also deletes or corrects it at source).
        case upheld
        /// The provider published a correction through the normal pipeline (carries the
        /// correction event's `ce_id`).
        case corrected
        /// The provider rejects the objection with a reason: the record stands.
        case rejected
    }

    /// Unique id of this step (duplicates on the topic are applied once).
    public var id: String
    /// The objection.
    public var objection: String
    /// The kind of step.
    public var kind: Kind
    /// Who took it: the subject (its credit code or citizen ID) for `filed`, else a department id.
    public var by: String
    /// When (RFC 3339): the clock of the objection, its deadline is counted from `filed`'s.
    public var at: String
    /// The subject objecting (for `filed`).
    public var subject: String?
    /// The record objected to, `<theme>/<key>` (for `filed`).
    public var record: String?
    /// The version of the record objected to (for `filed`).
    public var recordSequence: Int64?
    /// The reason (required for `filed` and `rejected`).
    public var reason: String?
    /// The `ce_id` of the correction event (for `corrected`).
    public var correction: String?
    /// The signature of the party that took the step (`by`: the subject for a filing, the
    /// provider for a decision), or of the hub acting for it. A step whose signature does not
    /// verify is kept in the history as refused and changes nothing.
    public var signature: ControlSignature?

    /// Creates a step.
    public init(id: String, objection: String, kind: Kind, by: String, at: String, subject: String? = nil,
                record: String? = nil, recordSequence: Int64? = nil, reason: String? = nil, correction: String? = nil) {
        self.id = id
        self.objection = objection
        self.kind = kind
        self.by = by
        self.at = at
        self.subject = subject
        self.record = record
        self.recordSequence = recordSequence
        self.reason = reason
        self.correction = correction
    }

    /// The JSON value written to the topic (sorted keys: identical steps are identical bytes).
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// Decodes a topic value (at most `ControlJSON.maximumSize` bytes).
    public static func decode(_ bytes: [UInt8]) throws(CreditRefusal) -> ObjectionEvent {
        guard bytes.count <= ControlJSON.maximumSize else {
            throw CreditRefusal(code: "malformed", message: "an objection step of \(bytes.count) bytes is over the \(ControlJSON.maximumSize)-byte limit")
        }
        do {
            return try JSONDecoder().decode(ObjectionEvent.self, from: Data(bytes))
        } catch {
            throw CreditRefusal(code: "malformed", message: "not an objection event: \(error)")
        }
    }
}

/// Why a credit source record or an objection step was refused, with a stable code and the fix
/// in the message.
public struct CreditRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code.
    public var code: String
    /// What is wrong and what to do.
    public var message: String

    /// Creates a refusal.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension ObjectionEvent {
    /// Objection steps are signed in `shuniu/ctl.credit-objections/v1`.
    public static var signatureDomain: SignatureDomain { .objections }
}
