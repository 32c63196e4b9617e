/// Vehicle makers (with their world manufacturer identifiers) and VIN arithmetic (GB 16735).
enum VehicleLexicon {
    /// World manufacturer identifier, brand and model codes.
    static let makers: [(wmi: String, brand: String, models: [String])] = [
        ("LFV", "一汽-大众", ["FV7151", "FV7201", "FV6462"]),
        ("LSV", "上汽大众", ["SVW7141", "SVW7201", "SVW6471"]),
        ("LVG", "广汽丰田", ["GTM7200", "GTM7250", "GTM6480"]),
        ("LHG", "广汽本田", ["GHA7150", "GHA7200", "GHA6460"]),
        ("LGB", "东风日产", ["DFL7160", "DFL7200", "DFL6460"]),
        ("LGX", "比亚迪", ["BYD7005BEV", "BYD7152WT", "BYD6470ST"]),
        ("LRW", "特斯拉", ["TSL7000BEV", "TSL6480BEV"]),
        ("LMG", "广汽传祺", ["GAC7150", "GAC6450", "GAC7000BEV"]),
        ("LB3", "吉利", ["MR7152", "MR6471", "MR7003BEV"]),
    ]

    /// Characters allowed in a VIN (no I, O, Q).
    static let characters = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
    private static let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// The model-year character of a year (2001 `1` ... 2009 `9`, 2010 `A` ..., skipping I, O, Q, U, Z).
    static func yearCode(_ year: Int) -> Character {
        let codes = Array("123456789ABCDEFGHJKLMNPRSTVWXY")
        return codes[max(0, min(codes.count - 1, year - 2001))]
    }

    /// A complete VIN: maker, five descriptor characters, the computed check digit, year, plant and serial.
    static func vin(wmi: String, descriptor: String, year: Int, serial: Int) -> String {
        let plants = Array("ABCDEFGHJKLMNPRSTUVWXYZ123456789")
        let plant = plants[(serial / 1_000_000) % plants.count]
        var characters = Array(wmi + descriptor) + ["0", yearCode(year), plant] + Array(String(padded: serial % 1_000_000, width: 6))
        characters[8] = checkDigit(characters)
        return String(characters)
    }

    /// The check digit (position 9) of 17 VIN characters: weighted sum of transliterated values mod 11, 10 as X.
    static func checkDigit(_ characters: [Character]) -> Character {
        var sum = 0
        for (index, character) in characters.enumerated() where index < weights.count {
            sum += value(character) * weights[index]
        }
        let check = sum % 11
        return check == 10 ? "X" : Character(String(check))
    }

    private static func value(_ character: Character) -> Int {
        if let digit = character.wholeNumberValue { return digit }
        let table: [Character: Int] = ["A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "J": 1, "K": 2,
                                       "L": 3, "M": 4, "N": 5, "P": 7, "R": 9, "S": 2, "T": 3, "U": 4, "V": 5, "W": 6,
                                       "X": 7, "Y": 8, "Z": 9]
        return table[character] ?? 0
    }

    private static let plateLetters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// The `n`-th Guangzhou plate (粤A) of a fuel vehicle, scrambled; nil when exhausted.
    static func plate(_ n: Int) -> String? {
        if n < 240_000 {
            let code = (n &* 7_919) % 240_000
            return "粤A" + String(plateLetters[code / 10_000]) + String(padded: code % 10_000, width: 4)
        }
        guard n < 816_000 else { return nil }
        let code = ((n - 240_000) &* 7_919) % 576_000
        return "粤A" + String(plateLetters[code / 24_000]) + String(plateLetters[code / 1_000 % 24])
            + String(padded: code % 1_000, width: 3)
    }

    /// The `n`-th new-energy plate (粤AD/粤AF and five digits); nil when exhausted.
    static func newEnergyPlate(_ n: Int) -> String? {
        guard n < 200_000 else { return nil }
        let code = (n &* 7_919) % 200_000
        return "粤A" + (code < 100_000 ? "D" : "F") + String(padded: code % 100_000, width: 5)
    }
}
