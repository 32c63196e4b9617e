import FuzzSupport
import ShuniuCredit
import ShuniuModel

private let rules = ObjectionRules(catalogue: FuzzSupport.catalogue)

/// The fuzz target: `ctl.credit-objections` event decoding and the objection rules. Each line
/// is one step, applied in order; every objection's deadline and overdue state is computed.
private func fuzzObjectionEvent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var objections: [String: Objection] = [:]
    for line in FuzzSupport.parts(UnsafeBufferPointer(start: data, count: size), separator: 0x0A) {
        guard let event = try? ObjectionEvent.decode(line) else { continue }
        _ = event.encoded()
        if let objection = try? rules.apply(event, to: objections[event.objection]) { objections[event.objection] = objection }
    }
    for objection in objections.values {
        _ = objection.due(workingDays: 15)
        _ = objection.isOverdue(on: CalendarDate.latest, workingDays: 15)
    }
    return 0
}

FuzzSupport.run { data, size in fuzzObjectionEvent(data, size) }
