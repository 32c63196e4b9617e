import FuzzSupport
import ShuniuModel
import ShuniuRouter

private let router = Router(catalogue: FuzzSupport.catalogue, secret: FuzzSupport.secret)
/// A valid household-registration upsert and a marriage upsert, routed under every table built.
private let events: [(key: [UInt8], headers: [EnvelopeHeader], value: [UInt8])] = [
    ChangeEventCodec.encode(.upsert(id: "e-1", source: "public-security", theme: "household-registration", subject: "11010519491231002X",
                                    time: "2025-06-01T08:00:00Z", sequence: 1,
                                    row: ["citizen_id": "11010519491231002X", "name": "张三", "sex": "male", "birth_date": "1949-12-31",
                                          "district": "panyu", "address": "番禺区市桥街1号"])),
    ChangeEventCodec.encode(.upsert(id: "e-2", source: "civil-affairs", theme: "marriage", subject: "11010519491231002X",
                                    time: "2025-06-01T08:00:00Z", sequence: 1,
                                    row: ["citizen_id": "11010519491231002X", "name": "张三", "status": "married"])),
]

/// The fuzz target: `ctl.grants` event decoding and replay. Each line is one event; the
/// table replayed from them (refusing what breaks the rules) then routes two valid events,
/// so every mask and scope a decoded grant holds is applied.
private func fuzzGrantEvent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var table = FuzzSupport.grants
    for line in FuzzSupport.parts(UnsafeBufferPointer(start: data, count: size), separator: 0x0A) {
        guard let event = try? GrantEvent.decode(line) else { continue }
        _ = event.encoded()
        table.apply(event, catalogue: FuzzSupport.catalogue)
    }
    _ = table.all
    _ = GrantWorkflow(catalogue: FuzzSupport.catalogue).overdue(table, today: CalendarDate.latest)
    for event in events {
        var scope = ScopeMemory()
        _ = router.decide(key: event.key, headers: event.headers, value: event.value,
                          source: SourcePosition(topic: "src.household-registration", partition: 0, offset: 0), grants: table, scope: &scope)
    }
    return 0
}

FuzzSupport.run { data, size in fuzzGrantEvent(data, size) }
