import ShuniuModel

/// How a row of a theme is classified along one dimension of a count table.
public enum Dimension: Sendable, Hashable {
    /// The value of a field (an enum such as `district` or `sex`).
    case field(String)
    /// The year of a date field.
    case year(String)
    /// The year of a date field from 2015 on, earlier dates in decades (`1990-1999`, `before 1990`,
    /// `2010-2014`): old years are thin and would be small totals.
    case period(String)
    /// The age band at the reference date, from a birth-date field.
    case ageBand(String)
    /// The GB/T 4754 section letter of an industry code field (`C3311` → `C`).
    case industrySection(String)

    /// The column or row header of the dimension.
    public var name: String {
        switch self {
        case .field(let field): field
        case .year(let field): "\(field)_year"
        case .period(let field): "\(field)_period"
        case .ageBand: "age_band"
        case .industrySection: "industry_section"
        }
    }

    /// The field the dimension reads.
    public var field: String {
        switch self {
        case .field(let field), .year(let field), .period(let field), .ageBand(let field), .industrySection(let field): field
        }
    }

    /// The age bands, youngest first.
    public static let ageBands = ["0-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+"]

    /// The label of a row; nil when the field is absent, null or unreadable (the row is not counted).
    public func label(of row: Row, at reference: CalendarDate) -> String? {
        guard let text = row[field]?.stringValue ?? row[field]?.numberText, !text.isEmpty else { return nil }
        switch self {
        case .field:
            return text
        case .year:
            return CalendarDate(iso: text.prefix(10)).map { String($0.year) }
        case .period:
            guard let year = CalendarDate(iso: text.prefix(10))?.year else { return nil }
            switch year {
            case ..<1990: return "before 1990"
            case 1990..<2010: return "\(year / 10 * 10)-\(year / 10 * 10 + 9)"
            case 2010..<2015: return "2010-2014"
            default: return String(year)
            }
        case .ageBand:
            guard let born = CalendarDate(iso: text.prefix(10)) else { return nil }
            var age = reference.year - born.year
            if (reference.month, reference.day) < (born.month, born.day) { age -= 1 }
            guard age >= 0 else { return nil }
            let lower = [0, 15, 25, 35, 45, 55, 65]
            return Self.ageBands[lower.lastIndex { $0 <= age } ?? 0]
        case .industrySection:
            return text.first.map { String($0).uppercased() }
        }
    }

    /// The label order: declared enum order, age bands youngest first, others ascending.
    func sorted(_ labels: Set<String>, theme: Theme?) -> [String] {
        switch self {
        case .ageBand:
            return Self.ageBands.filter(labels.contains)
        case .field(let field):
            if let values = theme?.field(field)?.values {
                return values.filter(labels.contains) + labels.subtracting(values).sorted()
            }
            return labels.sorted()
        case .period:
            return labels.sorted { ($0 == "before 1990" ? "0" : $0) < ($1 == "before 1990" ? "0" : $1) }
        default:
            return labels.sorted()
        }
    }
}
