import ShuniuModel

/// One row of a file found outside the hub, as tracing sees it: where it stands in the file,
/// its distinct candidate values (column names play no part), and the digests it would have
/// if it were a delivered value byte for byte.
public struct LeakedRow: Sendable, Hashable {
    /// The line the row starts on (1-based).
    public var line: Int
    /// Its distinct values that `LeakValue.isCandidate` accepts, in column order.
    public var values: [String]
    /// SHA-256 (hex) of the bytes a delivery of this row would have had: the JSON line itself,
    /// and the JSON object re-serialized without the subscriber's `_…` members.
    public var digests: [String]

    /// A row of `values` (filtered to candidates, duplicates dropped) with `digests`.
    public init(line: Int, values: some Sequence<String>, digests: [String] = []) {
        self.line = line
        var seen = Set<String>()
        self.values = values.filter { LeakValue.isCandidate($0) && seen.insert($0).inserted }
        self.digests = digests
    }

    /// A JSON object (a JSON Lines row, or a CSV cell holding one): its values, and the digests
    /// of `bytes` and of the object without `_`-prefixed members (what `shuniu subscribe`
    /// adds to the delivered row).
    public init(line: Int, object row: Row, bytes: [UInt8], extraValues: [String] = []) {
        let delivered = Row(distinctFields: row.fields.filter { !$0.name.hasPrefix("_") })
        var digests = [SHA256Digest.hex(SHA256Digest.hash(bytes))]
        let stripped = SHA256Digest.hex(SHA256Digest.hash(delivered.serialized()))
        if stripped != digests[0] { digests.append(stripped) }
        self.init(line: line, values: extraValues + row.fields.compactMap { LeakValue.text($0.value) }, digests: digests)
    }
}
