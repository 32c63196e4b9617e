import ShuniuLibraries
import ShuniuModel

/// One change the credit library takes from its source topics.
public enum CreditChange: Sendable, Hashable {
    /// A credit record set or removed, from `src.<theme>`.
    case record(CreditRecordChange)
    /// An objection step, from `ctl.credit-objections`.
    case objection(ObjectionEvent, source: String)
    /// An objection step whose signature does not hold: kept in the history as refused.
    case refusedObjection(ObjectionEvent, source: String, refusal: String)
}

/// Turns source records into credit changes: the pure part of the credit projector.
///
/// A theme event is taken only when it passes the router's validation (envelope, fields,
/// authoritative provider) and sits on its theme's topic; an upsert whose row names no valid
/// subject (neither a credit code nor a citizen ID) is refused. Objection steps are decoded
/// here and checked against the state machine when applied (they depend on the state).
public struct CreditProjection: Sendable {
    /// The catalogue.
    public let catalogue: Catalogue
    private let validator: EventValidator

    /// A projection over `catalogue`.
    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        validator = EventValidator(catalogue: catalogue)
    }

    /// The topics projected: the credit themes of the catalogue, then the objection topic.
    public var sourceTopics: [String] {
        CreditSource.all.filter { catalogue.theme($0.theme) != nil }.map { Topics.source($0.theme) } + [Topics.creditObjections]
    }

    /// The change a source record makes, or the reason it is refused.
    public func change(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8], topic: String,
                       partition: Int32, offset: Int64) -> Result<CreditChange, CreditRefusal> {
        let position = "\(topic)/\(partition)/\(offset)"
        if topic == Topics.creditObjections {
            do {
                return .success(.objection(try ObjectionEvent.decode(value), source: position))
            } catch {
                return .failure(error)
            }
        }
        let validated: ValidatedEvent
        do {
            validated = try validator.validate(key: key, headers: headers, value: value)
        } catch {
            return .failure(CreditRefusal(code: error.code.rawValue, message: error.message))
        }
        let event = validated.event
        guard topic == Topics.source(event.theme), let source = CreditSource.byTheme[event.theme] else {
            return .failure(CreditRefusal(code: "wrong-topic", message: "a \(event.theme) event on \(topic) is not a credit record"))
        }
        let lineage = Lineage(department: event.source, eventID: event.id, sequence: event.sequence,
                              eventTime: event.time, source: position)
        let id = CreditRecord.id(theme: event.theme, key: event.subject)
        guard event.action == .upserted, let row = validated.row else {
            return .success(.record(CreditRecordChange(id: id, theme: event.theme, subject: nil, kind: nil, creditClass: source.creditClass,
                                                       sequence: event.sequence, row: nil, date: nil, publicityUntil: nil, lineage: lineage)))
        }
        guard let subject = source.subject(of: row, key: event.subject), let kind = CreditSubjectKind.of(subject) else {
            return .failure(CreditRefusal(code: "no-subject", message: "\(id) names no valid credit code or citizen ID in \(source.subjectFields)"))
        }
        return .success(.record(CreditRecordChange(
            id: id, theme: event.theme, subject: subject, kind: kind, creditClass: source.creditClass, sequence: event.sequence,
            row: value, date: source.dateField.flatMap { row[$0]?.stringValue },
            publicityUntil: source.publicityField.flatMap { row[$0]?.stringValue }, lineage: lineage)))
    }
}
