import FuzzSupport
import ShuniuAudit
import ShuniuModel
import ShuniuRouter

/// The fuzz target: audit record decoding. Each line is one `audit.exchange` record, checked in
/// order by the chain verifier, and read as the decision facts replay compares.
private func fuzzAuditRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var verifier = AuditVerifier()
    for (index, line) in FuzzSupport.parts(UnsafeBufferPointer(start: data, count: size), separator: 0x0A).enumerated() {
        verifier.check(line, position: "audit.exchange/0/\(index)")
        if let row = try? Row.parse(bytes: line) { _ = DecisionFacts(record: row) }
    }
    _ = verifier.linkBreaks
    _ = verifier.isIntact
    return 0
}

FuzzSupport.run { data, size in fuzzAuditRecord(data, size) }
