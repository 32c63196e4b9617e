import ShuniuModel

/// A house let to tenants (出租屋).
struct RentalHouse: Sendable {
    /// The house code (door-plate code).
    var code: String
    var place: Place
    /// The landlord's person index.
    var landlord: Int
    /// The first lease registration day.
    var firstLease: Int
    /// residential, commercial or mixed.
    var use: String
    /// Migrants registered there over time.
    var tenants = 0
}

/// A resident registered elsewhere (来穗人员): an ID from another region, no household here.
struct Migrant: Sendable {
    var id: String
    var name: String
    var sex: Sex
    /// Province, city and county of the household registration, e.g. 湖南省郴州市北湖区.
    var origin: String
    /// Index into the rental houses.
    var house: Int
    /// Residence registration day.
    var registered: Int
    /// Residence permit renewal day, if any.
    var renewed: Int?
    /// Day the migrant moved away, if any.
    var movedAway: Int?
    var permitSerial: Int
}
