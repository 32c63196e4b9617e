import ShuniuModel

/// Writes one JSON object member by member, with the model's row serializer doing every
/// escape: scalar members, and members whose value is JSON text already (a served row, a
/// nested object), embedded byte for byte. The hot path of a look-up answer: no Foundation.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    init() { bytes.reserveCapacity(512) }

    /// Appends `"name": value`.
    mutating func member(_ name: String, _ value: JSONScalar) {
        separate()
        let text = Row(distinctFields: [.init(name: name, value: value)]).serialized()
        bytes.append(contentsOf: text[1..<(text.count - 1)])
    }

    /// Appends `"name": text` where `text` is JSON already.
    mutating func member(_ name: String, json text: [UInt8]) {
        separate()
        let key = Row(distinctFields: [.init(name: name, value: .null)]).serialized()
        bytes.append(contentsOf: key[1..<(key.count - 5)])  // drop `{` and `null}`
        bytes.append(contentsOf: text)
    }

    /// Appends `"name": [item, ...]` where every item is JSON already.
    mutating func member(_ name: String, jsonArray items: [[UInt8]]) {
        var array: [UInt8] = [UInt8(ascii: "[")]
        for (index, item) in items.enumerated() {
            if index > 0 { array.append(UInt8(ascii: ",")) }
            array.append(contentsOf: item)
        }
        array.append(UInt8(ascii: "]"))
        member(name, json: array)
    }

    /// The finished object.
    consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func separate() {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
    }
}
