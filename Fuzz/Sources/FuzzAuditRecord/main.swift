import FuzzSupport
import ShuniuAudit
import ShuniuModel
import ShuniuRouter

private let key = AuditKey(secret: .ephemeral())

/// The fuzz target: audit record decoding. Each line is one `audit.exchange` record, checked in
/// order by the chain verifier as it is, and once more sealed with the hub's key (its hash and
/// MAC recomputed), so the chain logic past the MAC check sees the fuzzed numbers and links
/// too; each is also read as the decisions it states (format 1 or 2) and the facts replay compares.
private func fuzzAuditRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var verifier = AuditVerifier(key: key)
    var sealed = AuditVerifier(key: key)
    for (index, line) in FuzzSupport.parts(UnsafeBufferPointer(start: data, count: size), separator: 0x0A).enumerated() {
        verifier.check(line, position: "audit.exchange/0/\(index)")
        guard var row = try? Row.parse(bytes: line) else { continue }
        _ = DecisionFacts(record: row)
        for decision in AuditRecord.decisions(of: row) { _ = DecisionFacts(record: decision) }
        row["hash"] = nil
        row["mac"] = nil
        let hash = AuditChain.hash(prev: row["prev"]?.stringValue ?? "", body: row.serialized())
        row["hash"] = .string(hash)
        row["mac"] = .string(key.mac(hash))
        sealed.check(row.serialized(), position: "audit.exchange/0/\(index)")
    }
    _ = sealed.linkBreaks
    _ = sealed.checkpointBreaks
    _ = verifier.linkBreaks
    _ = verifier.isIntact
    return 0
}

FuzzSupport.run { data, size in fuzzAuditRecord(data, size) }
