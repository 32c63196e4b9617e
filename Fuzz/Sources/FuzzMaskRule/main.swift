import FuzzSupport
import ShuniuModel

private let key = PseudonymKeys(secret: FuzzSupport.secret, catalogue: FuzzSupport.catalogue).key(for: "civil-affairs")

/// The fuzz target: mask rules. The first line is the rule's text form; the rest is the value
/// masked as a string and as a number. A rule that parses prints back to a rule that parses
/// the same.
private func fuzzMaskRule(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let newline = input.firstIndex(of: 0x0A) ?? input.count
    let text = String(decoding: UnsafeBufferPointer(rebasing: input[..<newline]), as: UTF8.self)
    let value = String(decoding: UnsafeBufferPointer(rebasing: input[min(newline + 1, input.count)...]), as: UTF8.self)
    guard let rule = try? MaskRule(parsing: text) else { return 0 }
    guard let again = try? MaskRule(parsing: rule.description), again == rule else {
        fatalError("mask rule '\(text)' prints as '\(rule.description)', which does not parse the same")
    }
    for scalar in [JSONScalar.string(value), .number(value), .bool(true), .null] { _ = rule.apply(to: scalar, key: key) }
    return 0
}

FuzzSupport.run { data, size in fuzzMaskRule(data, size) }
