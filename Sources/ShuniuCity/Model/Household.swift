/// A place in the city: district, subdistrict and street address.
struct Place: Sendable, Hashable {
    /// Index into the city's districts.
    var district: Int
    /// Index into the district's subdistricts.
    var subdistrict: Int
    /// Full address, starting with 广州市 and the district name.
    var address: String
}

/// A household (户): a household number, an address, and the day it was formed.
struct Household: Sendable {
    /// The household number (户号).
    var id: String
    /// Where it is registered at formation.
    var place: Place
    /// The day it was formed.
    var formed: Int
    /// The head at formation.
    var head: Int
    /// A move of the whole household to another district, if any.
    var move: (day: Int, place: Place)?

    /// The registered place on a day.
    func place(on day: Int) -> Place {
        if let move, day >= move.day { return move.place }
        return place
    }
}
