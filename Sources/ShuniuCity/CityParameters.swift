/// What to generate: the size of the city, its seed and the issues to inject.
public struct CityParameters: Sendable, Hashable, Codable {
    /// Registered residents (persons with a household registration).
    public var persons: Int
    /// Legal entities: enterprises, sole traders, public institutions and social organisations.
    public var entities: Int
    /// The seed; the same parameters always give byte-identical feeds.
    public var seed: UInt64
    /// Known data-quality issues to inject (0 for a clean city).
    public var inconsistencies: Int

    /// Creates parameters (defaults: 10 000 persons, 1 000 entities, seed 1, a clean city).
    public init(persons: Int = 10_000, entities: Int = 1_000, seed: UInt64 = 1, inconsistencies: Int = 0) {
        self.persons = persons
        self.entities = entities
        self.seed = seed
        self.inconsistencies = inconsistencies
    }

    /// Residents registered elsewhere (来穗人员), one for every eight persons.
    public var migrants: Int { persons / 8 }
}
