import FuzzSupport
import ShuniuModel
import ShuniuRouter

private let router = Router(catalogue: FuzzSupport.catalogue, secret: FuzzSupport.secret)
private let validator = EventValidator(catalogue: FuzzSupport.catalogue)

/// The fuzz target: the event validator and the routing decision over it. The input is the
/// record cut at 0x00 bytes: the key, then header name and value pairs, then the value (a
/// leading 0x01 byte makes the key null).
private func fuzzEvent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let nullKey = input.first == 0x01
    let parts = FuzzSupport.parts(UnsafeBufferPointer(rebasing: input[(nullKey ? 1 : 0)...]), separator: 0x00)
    let key: [UInt8]? = nullKey ? nil : parts[0]
    let value = parts.count > 1 ? parts[parts.count - 1] : []
    var headers: [EnvelopeHeader] = []
    var index = 1
    while index + 1 < parts.count - 1 {
        headers.append(EnvelopeHeader(name: String(decoding: parts[index], as: UTF8.self), value: parts[index + 1]))
        index += 2
    }
    _ = try? validator.validate(key: key, headers: headers, value: value)
    for topic in ["src.household-registration", "src.marriage", "src.unknown"] {
        var scope = ScopeMemory()
        let result = router.decide(key: key, headers: headers, value: value,
                                   source: SourcePosition(topic: topic, partition: 0, offset: 0), grants: FuzzSupport.grants, scope: &scope)
        for decision in result.decisions where decision.outcome == .delivered {
            guard decision.value.isEmpty || (try? Row.parse(bytes: decision.value)) != nil else {
                fatalError("a delivered value is not a row")
            }
        }
    }
    return 0
}

FuzzSupport.run { data, size in fuzzEvent(data, size) }
