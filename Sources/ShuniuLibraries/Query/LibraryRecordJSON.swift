import ShuniuModel

/// The JSON form of a library record, as `shuniu person --json` prints it and the API
/// serves it:
///
/// ```json
/// {"library":"person","subject":"4401…","themes":{"marriage":{"row":{…},
///  "lineage":{"department":"civil-affairs","event_id":"…","sequence":3,"event_time":"…","source":"src.marriage/1/20"}}}}
/// ```
public enum LibraryRecordJSON {
    /// Encodes `record` (themes in the record's order).
    public static func encode(_ record: LibraryRecord) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 * max(1, record.slices.count))
        out += Array(#"{"library":"#.utf8)
        append(string: record.library.rawValue, to: &out)
        out += Array(#","subject":"#.utf8)
        append(string: record.subject, to: &out)
        out += Array(#","themes":{"#.utf8)
        for (index, slice) in record.slices.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(string: slice.theme, to: &out)
            out += Array(#":{"row":"#.utf8)
            slice.row.serialize(into: &out)
            out += Array(#","lineage":"#.utf8)
            lineage(slice.lineage).serialize(into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("}}".utf8)
        return out
    }

    /// A lineage as a flat row: department, event_id, sequence, event_time, source.
    public static func lineage(_ lineage: Lineage) -> Row {
        Row(distinctFields: [
            .init(name: "department", value: .string(lineage.department)),
            .init(name: "event_id", value: .string(lineage.eventID)),
            .init(name: "sequence", value: .number(String(lineage.sequence))),
            .init(name: "event_time", value: .string(lineage.eventTime)),
            .init(name: "source", value: .string(lineage.source)),
        ])
    }

    private static func append(string: String, to out: inout [UInt8]) { JSONText.appendString(string, to: &out) }
}
