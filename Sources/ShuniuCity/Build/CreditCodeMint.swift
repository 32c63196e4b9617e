import ShuniuModel

/// Mints unique unified social credit codes (GB 32100).
///
/// The 8-character organisation-code base comes from a scrambled counter: eight digits for
/// organisations coded before the unified code (before October 2015), `MA` and six characters
/// of the code alphabet after it, as market regulation assigns them. Distinct counters give
/// distinct codes.
struct CreditCodeMint {
    private var legacy = 0
    private var modern = 0
    private let legacyOffset: Int
    private let modernOffset: Int
    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let modernSpace = 887_503_681 // 31^6
    /// The day from which organisation codes start with `MA`.
    static let unifiedCodeDay = CityCalendar.day(2015, 10, 1)

    init(seed: UInt64) {
        var random = CityRandom(seed: seed, stream: RandomStream("credit-codes"), index: 0)
        legacyOffset = random.below(100_000_000)
        modernOffset = random.below(CreditCodeMint.modernSpace)
    }

    /// A new code: registration authority and organisation type characters, region, and whether
    /// the organisation code was assigned under the unified scheme.
    mutating func next(authority: Character, kind: Character, region: String, unified: Bool) -> String {
        let base: String
        if unified {
            var number = (modern &* 7_919 &+ modernOffset) % CreditCodeMint.modernSpace
            modern += 1
            var characters: [Character] = []
            for _ in 0..<6 {
                characters.append(CreditCodeMint.alphabet[number % 31])
                number /= 31
            }
            base = "MA" + String(characters.reversed())
        } else {
            let number = (legacy &* 7_919 &+ legacyOffset) % 100_000_000
            legacy += 1
            base = String(padded: number, width: 8)
        }
        return CreditCode.make(authority: authority, kind: kind, region: region, organisationBase: base).value
    }
}
