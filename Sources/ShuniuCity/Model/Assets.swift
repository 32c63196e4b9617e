/// A registered motor vehicle.
struct Vehicle: Sendable {
    /// The 17-character VIN.
    var vin: String
    /// The plate (nil when the generator ran out of plate numbers).
    var plate: String?
    /// Owning person (-1 if an entity owns it).
    var person: Int
    /// Owning entity (-1 if a person owns it).
    var entity: Int
    /// First registration day.
    var registered: Int
    /// Index into the brand list.
    var brand: Int
    /// Fuel: petrol, diesel, electric, hybrid.
    var energy: String
    /// Invoice price in CNY.
    var price: Int
    /// Scrapping day, if any.
    var scrapped: Int?
    /// A pledge (loan) from a day, released on a later day (or never).
    var pledge: (start: Int, release: Int?)?
}

/// A passenger-car quota indicator (中小客车指标).
struct QuotaIndicator: Sendable {
    var number: String
    var applicantCode: String
    var person: Int
    var issued: Int
    /// lottery, auction or replacement.
    var method: String
    var newEnergy: Bool
    /// The registration day of the vehicle that used it, if any.
    var used: Int?
}

/// A registered real-estate unit (不动产单元).
struct Property: Sendable {
    /// The 28-character unit number.
    var unit: String
    var place: Place
    /// residential, commercial, office...
    var usage: String
    /// Floor area in m² (hundredths).
    var area: Int
    /// Owners over time, the first from `registered`.
    var owners: [PropertyOwnership]
    /// Whether the first ownership was mortgaged, and when the mortgage was released.
    var mortgageRelease: Int?
    var mortgaged: Bool
    /// Index into the rental houses, if it is let.
    var rental = -1
}

/// One owner (or pair of joint owners) of a property from a registration day.
struct PropertyOwnership: Sendable {
    var person: Int
    var coOwner: Int
    var entity: Int
    var registered: Int
    /// new-purchase, resale-purchase, inheritance...
    var acquisition: String
    /// Price in CNY.
    var price: Int
    var certificateSerial: Int
}
