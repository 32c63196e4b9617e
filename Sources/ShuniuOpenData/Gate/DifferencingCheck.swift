/// The differencing check between two releases of the same aggregate dataset.
///
/// Rows are matched by their labels and columns by theirs; a row or column that one release
/// lacks counts as all zeros there (tables list only rows and columns that have subjects).
/// For every line (a row across the columns, or a column across the rows) the attacker knows
/// both releases' totals of the line and every cell published in both, so knows the change of
/// the line's total and of each such cell. Let U be the cells of the line hidden in either
/// release:
///
/// - **one unknown** (`|U| = 1`): the change of that cell is the change of the total minus the
///   known changes, so its hidden value follows from its published value in the other release;
///   the release is refused;
/// - **no unknown, one change below n**: when exactly one cell of the line changed and the
///   total changed by 1 … n−1, the difference of the releases is itself a cell of fewer than n
///   subjects (who entered or left that row × column); the release is refused until more has
///   changed.
public enum DifferencingCheck {
    /// The refusals for releasing `current` after `previous` under `policy` (empty when safe).
    public static func check(_ current: PublishedTable, after previous: PublishedTable,
                             policy: DisclosurePolicy) -> [DisclosureRefusal] {
        let now = Lines(current), before = Lines(previous)
        let rowKeys = ordered(now.rowKeys, before.rowKeys)
        let columnKeys = ordered(current.columns, previous.columns)
        var refusals: [DisclosureRefusal] = []
        for row in rowKeys {
            let line = columnKeys.map { (name: $0, now: now.cell(row, $0), before: before.cell(row, $0)) }
            refusals += review(line: "row '\(row)'", cells: line, totalNow: now.rowTotal(row),
                               totalBefore: before.rowTotal(row), across: { "\(row) × \($0)" }, policy: policy)
        }
        for column in columnKeys {
            let line = rowKeys.map { (name: $0, now: now.cell($0, column), before: before.cell($0, column)) }
            refusals += review(line: "column '\(column)'", cells: line, totalNow: now.columnTotal(column),
                               totalBefore: before.columnTotal(column), across: { "\($0) × \(column)" }, policy: policy)
        }
        return refusals
    }

    private static func review(line: String, cells: [(name: String, now: Int?, before: Int?)], totalNow: Int,
                               totalBefore: Int, across: (String) -> String, policy: DisclosurePolicy) -> [DisclosureRefusal] {
        let unknown = cells.filter { $0.now == nil || $0.before == nil }
        let change = totalNow - totalBefore
        if unknown.count == 1 {
            let cell = unknown[0]
            let hiddenIn = cell.now == nil ? "this release" : "the previous release"
            return [DisclosureRefusal(code: .differencing,
                                      message: "cell \(across(cell.name)) is hidden in \(hiddenIn) but follows from subtracting the releases along \(line) (every other cell of the line is published in both); wait for more change or coarsen the dataset")]
        }
        guard unknown.isEmpty, change != 0, abs(change) < policy.minCell else { return [] }
        let changed = cells.filter { $0.now != $0.before }
        guard changed.count == 1 else { return [] }
        return [DisclosureRefusal(code: .differencing,
                                  message: "only cell \(across(changed[0].name)) of \(line) changed since the previous release, by fewer than \(policy.minCell) subjects, so the difference of the releases is a small cell; publish when more has changed")]
    }

    /// Labels of `first` in order, then those only in `second`.
    private static func ordered(_ first: [String], _ second: [String]) -> [String] {
        let known = Set(first)
        return first + second.filter { !known.contains($0) }
    }
}

/// A release indexed by row key and column label.
private struct Lines {
    let rowKeys: [String]
    private let rows: [String: PublishedTable.Row]
    private let columns: [String: Int]
    private let columnTotals: [String: Int]

    init(_ table: PublishedTable) {
        rowKeys = table.rows.map { $0.labels.joined(separator: " / ") }
        rows = Dictionary(table.rows.map { ($0.labels.joined(separator: " / "), $0) }, uniquingKeysWith: { first, _ in first })
        columns = Dictionary(table.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        columnTotals = Dictionary(zip(table.columns, table.columnTotals), uniquingKeysWith: { first, _ in first })
    }

    /// The published value (0 when the row or column is absent), nil when hidden.
    func cell(_ row: String, _ column: String) -> Int? {
        guard let entry = rows[row], let index = columns[column] else { return 0 }
        return entry.cells[index]
    }

    func rowTotal(_ row: String) -> Int { rows[row]?.total ?? 0 }

    func columnTotal(_ column: String) -> Int { columnTotals[column] ?? 0 }
}
