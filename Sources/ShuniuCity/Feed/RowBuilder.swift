import ShuniuModel

/// Assembles a theme row field by field; absent (nil) values are left out of the row.
struct RowBuilder {
    private(set) var fields: [Row.Field] = []

    init() {
        fields.reserveCapacity(16)
    }

    /// A string field.
    mutating func string(_ name: String, _ value: String?) {
        if let value { fields.append(Row.Field(name: name, value: .string(value))) }
    }

    /// A date field (`YYYY-MM-DD`) from a day number.
    mutating func date(_ name: String, _ day: Int?) {
        if let day { fields.append(Row.Field(name: name, value: .string(CityCalendar.iso(day)))) }
    }

    /// An integer field.
    mutating func integer(_ name: String, _ value: Int?) {
        if let value { fields.append(Row.Field(name: name, value: .number(String(value)))) }
    }

    /// A decimal field with two places, from hundredths (cents, or hundredths of 10k CNY).
    mutating func decimal(_ name: String, hundredths value: Int?) {
        guard let value else { return }
        let whole = value / 100
        let fraction = value % 100
        fields.append(Row.Field(name: name, value: .number("\(whole).\(fraction < 10 ? "0" : "")\(fraction)")))
    }

    /// A boolean field.
    mutating func boolean(_ name: String, _ value: Bool?) {
        if let value { fields.append(Row.Field(name: name, value: .bool(value))) }
    }

    /// The row.
    var row: Row { Row(fields) }
}
