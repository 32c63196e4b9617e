/// Builds a synthetic city from ``CityParameters``: pure and deterministic, so the same
/// parameters give the same city (and byte-identical feeds) in every process.
///
/// The steps run in a fixed order, each with its own random stream: households and persons,
/// life events (deaths, moves, marriages, divorces), legal entities, employment, real estate,
/// vehicles, migrants and rented houses, social assistance, and the injected issues.
public struct CityGenerator: Sendable {
    /// What to build.
    public let parameters: CityParameters

    /// A generator for parameters.
    public init(parameters: CityParameters) {
        precondition(parameters.persons >= 0 && parameters.entities >= 0 && parameters.inconsistencies >= 0,
                     "counts must not be negative")
        self.parameters = parameters
    }

    /// Builds the city.
    public func build() -> City {
        let places = PlaceDrawing(districts: DistrictAtlas.all)
        var city = City(parameters: parameters, districts: places.districts)
        var registry = IdentityRegistry()
        var mint = CreditCodeMint(seed: parameters.seed)
        var households = HouseholdBuilder(places: places, seed: parameters.seed)
        households.build(parameters.persons, into: &city, registry: &registry)
        var life = LifeEventBuilder(places: places, seed: parameters.seed)
        life.build(into: &city)
        var entities = EntityBuilder(places: places, seed: parameters.seed)
        entities.build(parameters.entities, into: &city, mint: &mint)
        var employment = EmploymentBuilder()
        employment.build(into: &city)
        var properties = PropertyBuilder(places: places, city: city)
        properties.build(into: &city)
        var vehicles = VehicleBuilder(city: city)
        vehicles.build(into: &city)
        var migration = MigrationBuilder(places: places, seed: parameters.seed)
        migration.build(parameters.migrants, into: &city, registry: &registry)
        var assistance = AssistanceBuilder(city: city)
        assistance.build(into: &city)
        var injections = InjectionPlanner(city: city)
        injections.plan(parameters.inconsistencies, into: &city, registry: &registry, mint: &mint, places: places)
        return city
    }
}
