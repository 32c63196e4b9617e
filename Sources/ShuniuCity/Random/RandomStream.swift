/// The name of an independent random stream, hashed with FNV-1a (stable across processes,
/// unlike Swift's `Hasher`).
public struct RandomStream: Sendable, Hashable {
    /// The 64-bit stream number.
    public let value: UInt64

    /// The stream named `name`, e.g. a theme id.
    public init(_ name: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        value = hash
    }
}

extension RandomStream {
    static let households = RandomStream("households")
    static let life = RandomStream("life")
    static let entities = RandomStream("entities")
    static let employment = RandomStream("employment")
    static let assets = RandomStream("assets")
    static let migrants = RandomStream("migrants")
    static let assistance = RandomStream("assistance")
    static let inconsistencies = RandomStream("inconsistencies")
    static let names = RandomStream("names")
}
