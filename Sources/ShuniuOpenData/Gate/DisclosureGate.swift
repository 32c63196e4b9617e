/// What the gate decided for an aggregate dataset.
public enum GateDecision: Sendable, Hashable {
    /// Publish this release (small cells hidden).
    case publish(PublishedTable)
    /// Do not publish; every reason found.
    case refuse([DisclosureRefusal])

    /// The refusals (empty when the release may go out).
    public var refusals: [DisclosureRefusal] {
        if case .refuse(let reasons) = self { return reasons }
        return []
    }
}

/// The disclosure-control gate for count tables: pure, no I/O, no clock.
///
/// In order (docs/open-data.md gives the reasoning):
/// 1. a row, column or grand total of 1 … n−1 refuses (`small-cell`): totals are always
///    published, so the table must be coarsened;
/// 2. interior cells of 1 … n−1 are hidden (primary suppression), or refuse (`small-cell`)
///    when the policy does not suppress;
/// 3. complements are hidden so no hidden cell is recoverable from the totals
///    (``SecondarySuppression``); one that stays recoverable refuses (`recoverable-cell`);
/// 4. against the previous release of the dataset, the ``DifferencingCheck`` (`differencing`).
public enum DisclosureGate {
    /// Reviews `table` for release after `previous` (nil for a first release).
    public static func review(_ table: CountTable, previous: PublishedTable?, policy: DisclosurePolicy) -> GateDecision {
        var refusals = smallTotals(table, policy)
        var primary: Set<TableCell> = []
        for row in table.rows.indices {
            for column in table.columns.indices where policy.isSmall(table.counts[row][column]) {
                primary.insert(TableCell(row: row, column: column))
            }
        }
        if !policy.suppress && !primary.isEmpty {
            let names = primary.sorted().prefix(5).map(table.cellName).joined(separator: "; ")
            refusals.append(DisclosureRefusal(code: .smallCell,
                                              message: "\(primary.count) cell(s) below n=\(policy.minCell) and suppression is off (\(names)\(primary.count > 5 ? "; …" : "")); allow suppression or coarsen the dimensions"))
        }
        guard refusals.isEmpty else { return .refuse(refusals) }
        let (suppressed, recoverable) = SecondarySuppression.apply(to: table, primary: primary)
        for cell in recoverable {
            refusals.append(DisclosureRefusal(code: .recoverableCell,
                                              message: "hidden cell \(table.cellName(cell)) stays recoverable from the row and column totals (no non-zero cell can be hidden beside it); coarsen the dimensions"))
        }
        guard refusals.isEmpty else { return .refuse(refusals) }
        let release = PublishedTable(table, suppressed: suppressed, minCell: policy.minCell)
        if let previous {
            refusals = DifferencingCheck.check(release, after: previous, policy: policy)
            guard refusals.isEmpty else { return .refuse(refusals) }
        }
        return .publish(release)
    }

    private static func smallTotals(_ table: CountTable, _ policy: DisclosurePolicy) -> [DisclosureRefusal] {
        var refusals: [DisclosureRefusal] = []
        for (row, total) in table.rowTotals.enumerated() where policy.isSmall(total) {
            refusals.append(DisclosureRefusal(code: .smallCell,
                                              message: "row total of '\(table.rowName(row))' is below n=\(policy.minCell) and totals are always published; merge the row's labels or drop a row dimension"))
        }
        for (column, total) in table.columnTotals.enumerated() where policy.isSmall(total) {
            refusals.append(DisclosureRefusal(code: .smallCell,
                                              message: "column total of '\(table.columns[column])' is below n=\(policy.minCell) and totals are always published; merge the column with a neighbour"))
        }
        if policy.isSmall(table.total) {
            refusals.append(DisclosureRefusal(code: .smallCell, message: "the grand total is below n=\(policy.minCell); the dataset is too small to open"))
        }
        return refusals
    }
}
