import ShuniuModel

/// The content of one dataset built from a theme's state, before the gate.
public enum DatasetContent: Sendable, Hashable {
    /// Record-level rows, each with exactly the dataset's fields in order (absent ones null).
    case records(fields: [String], rows: [Row])
    /// A count table.
    case counts(CountTable)
}

/// Builds a dataset's content from a theme state: pure, deterministic (rows in subject order,
/// labels in declared order).
public enum DatasetBuilder {
    /// The date ages are computed at: the date of the latest event reflected (1970-01-01 when none).
    public static func referenceDate(_ latestTime: String?) -> CalendarDate {
        latestTime.flatMap { CalendarDate(iso: $0.prefix(10)) } ?? CalendarDate(year: 1970, month: 1, day: 1)!
    }

    /// The content of `dataset` from the current `rows` of `theme`. Record rows pass the gate's
    /// row rule first (``NaturalPersonRows``: nothing about a natural person or a sole trader).
    public static func build(_ dataset: OpenDataset, theme: Theme, rows: [Row], latestTime: String?) -> DatasetContent {
        let admitted = rows.filter(dataset.admits)
        switch dataset.content {
        case .records(let fields):
            return .records(fields: fields, rows: NaturalPersonRows.removing(from: admitted, theme: theme).map { row in
                Row(distinctFields: fields.map { Row.Field(name: $0, value: row[$0] ?? .null) })
            })
        case .counts(let rowDimensions, let column):
            let reference = referenceDate(latestTime)
            var cells: [[String]: [String: Int]] = [:]
            for row in admitted {
                let labels = rowDimensions.map { $0.label(of: row, at: reference) }
                guard let columnLabel = column.label(of: row, at: reference), labels.allSatisfy({ $0 != nil }) else { continue }
                cells[labels.map { $0! }, default: [:]][columnLabel, default: 0] += 1
            }
            let columns = column.sorted(Set(cells.values.flatMap(\.keys)), theme: theme)
            let orders = rowDimensions.enumerated().map { index, dimension in
                Dictionary(uniqueKeysWithValues: dimension.sorted(Set(cells.keys.map { $0[index] }), theme: theme).enumerated().map { ($1, $0) })
            }
            let rowLabels = cells.keys.sorted { lhs, rhs in
                for index in lhs.indices where lhs[index] != rhs[index] {
                    return orders[index][lhs[index]]! < orders[index][rhs[index]]!
                }
                return false
            }
            let table = CountTable(rowDimensions: rowDimensions.map(\.name), columnDimension: column.name, rows: rowLabels,
                                   columns: columns, counts: rowLabels.map { labels in columns.map { cells[labels]?[$0] ?? 0 } })
            return .counts(table)
        }
    }
}
