import FuzzSupport
import ShuniuModel

/// The fuzz target: the row parser. A parsed row serialises to bytes that parse to the same row.
private func fuzzRow(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let row = try? Row.parse(bytes: UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    let bytes = row.serialized()
    guard let again = try? Row.parse(bytes: bytes), again == row, again.serialized() == bytes else {
        fatalError("a parsed row does not round-trip: \(row)")
    }
    return 0
}

FuzzSupport.run { data, size in fuzzRow(data, size) }
