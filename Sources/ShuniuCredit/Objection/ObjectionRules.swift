import Foundation
import ShuniuModel

/// The objection state machine (pure): filed → under-review → upheld / corrected / rejected.
/// A decision may also be taken straight from `filed` (the review is then implicit). Only the
/// subject files, only the record theme's authoritative provider reviews and decides; a
/// rejection needs a reason and a correction names its correction event. Times come from the
/// events, never from a clock.
public struct ObjectionRules: Sendable {
    /// The catalogue (authoritative providers of the themes).
    public let catalogue: Catalogue

    /// Rules over `catalogue`.
    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// The objection after `event`, or why the event is refused. `current` is the objection
    /// `event.objection` names, nil if none was filed yet.
    public func apply(_ event: ObjectionEvent, to current: Objection?) throws(CreditRefusal) -> Objection {
        guard let day = CalendarDate(iso: event.at.prefix(10)) else {
            throw CreditRefusal(code: "bad-time", message: "objection step \(event.id): `at` \(event.at) is not an RFC 3339 time")
        }
        guard WorkflowDates.contains(day) else {
            throw CreditRefusal(code: "date-out-of-range",
                                message: "objection step \(event.id): `at` \(event.at) is outside the years \(WorkflowDates.years.lowerBound)...\(WorkflowDates.years.upperBound) a step may be dated in")
        }
        if event.kind == .filed { return try file(event, day: day, existing: current) }
        guard var objection = current else {
            throw CreditRefusal(code: "unknown-objection", message: "no objection \(event.objection); list them with `shuniu credit objections`")
        }
        let provider = catalogue.theme(objection.theme)?.provider
        guard event.by == provider else {
            throw CreditRefusal(code: "not-provider",
                                   message: "only \(provider ?? "the provider"), the authoritative provider of \(objection.theme), may review or decide objection \(objection.id); \(event.by) may not")
        }
        guard objection.state.isOpen else {
            throw CreditRefusal(code: "already-decided", message: "objection \(objection.id) was already decided (\(objection.state.rawValue))")
        }
        switch event.kind {
        case .filed:
            break
        case .reviewing:
            guard objection.state == .filed else {
                throw CreditRefusal(code: "already-under-review", message: "objection \(objection.id) is already under review")
            }
            objection.state = .underReview
            return objection
        case .upheld:
            objection.state = .upheld
        case .corrected:
            guard let correction = event.correction, !correction.isEmpty else {
                throw CreditRefusal(code: "missing-correction", message: "a correction must name the correction event's ce_id (--corrected EVENT)")
            }
            objection.state = .corrected
            objection.correction = correction
        case .rejected:
            guard let reason = event.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CreditRefusal(code: "missing-reason", message: "a rejection must give the reason (--reject REASON)")
            }
            objection.state = .rejected
        }
        objection.decidedBy = event.by
        objection.decidedAt = event.at
        objection.decisionReason = event.reason
        return objection
    }

    private func file(_ event: ObjectionEvent, day: CalendarDate, existing: Objection?) throws(CreditRefusal) -> Objection {
        guard existing == nil else {
            throw CreditRefusal(code: "duplicate-objection", message: "objection \(event.objection) already exists")
        }
        guard let subject = event.subject, let record = event.record, let reason = event.reason,
              !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CreditRefusal(code: "incomplete", message: "a filing needs the subject, the record and a reason (--subject S --record R --reason TEXT)")
        }
        guard event.by == subject else {
            throw CreditRefusal(code: "not-subject", message: "only the subject \(subject) may object to its records; \(event.by) may not")
        }
        guard let slash = record.firstIndex(of: "/"), CreditSource.byTheme[String(record[..<slash])] != nil else {
            throw CreditRefusal(code: "unknown-record",
                                   message: "\(record) is not a credit record id (<theme>/<key> of a credit theme); see `shuniu credit show \(subject)`")
        }
        return Objection(id: event.objection, subject: subject, record: record, theme: String(record[..<slash]),
                         recordSequence: event.recordSequence, state: .filed, reason: reason, filedAt: event.at, filedOn: day)
    }
}
