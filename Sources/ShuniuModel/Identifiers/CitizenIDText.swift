/// Citizen ID numbers (GB 11643) inside free text: found by their check character, not by
/// shape alone, so an 18-digit account or case number is left as it is.
public enum CitizenIDText {
    /// `text` with every valid citizen ID in it masked partly: the first 6 characters (the
    /// region of registration) and the last 4 kept, the 8 of the birth date hidden
    /// (`440113********124X`).
    public static func masked(_ text: String) -> String {
        let characters = Array(text.utf8)
        guard characters.count >= 18 else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            if index + 18 <= characters.count, isCitizenID(characters[index..<index + 18]) {
                output += characters[index..<index + 6]
                output += Array(repeating: UInt8(ascii: "*"), count: 8)
                output += characters[index + 14..<index + 18]
                index += 18
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `text` holds a valid citizen ID anywhere.
    public static func contains(_ text: String) -> Bool { masked(text) != text }

    private static func isCitizenID(_ window: ArraySlice<UInt8>) -> Bool {
        guard window.prefix(17).allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let last = window.last,
              last &- UInt8(ascii: "0") < 10 || last == UInt8(ascii: "X") || last == UInt8(ascii: "x") else { return false }
        return (try? CitizenID(validating: String(decoding: window, as: UTF8.self).uppercased())) != nil
    }
}
