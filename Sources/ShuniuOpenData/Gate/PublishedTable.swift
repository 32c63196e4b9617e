/// A count table as released: suppressed cells are nil; every total is published.
///
/// This is the `data.json` of an aggregate dataset version, and what the differencing check
/// reads back from the previous version.
public struct PublishedTable: Sendable, Hashable, Codable {
    /// One released row.
    public struct Row: Sendable, Hashable, Codable {
        /// The row's labels, one per row dimension.
        public var labels: [String]
        /// One count per column; nil where the cell is suppressed.
        public var cells: [Int?]
        /// The row total (always published).
        public var total: Int

        /// A released row.
        public init(labels: [String], cells: [Int?], total: Int) {
            self.labels = labels
            self.cells = cells
            self.total = total
        }
    }

    /// The dimensions that label a row.
    public var rowDimensions: [String]
    /// The dimension that labels the columns.
    public var columnDimension: String
    /// The column labels.
    public var columns: [String]
    /// The rows, in the table's order.
    public var rows: [Row]
    /// The column totals, one per column.
    public var columnTotals: [Int]
    /// The grand total.
    public var total: Int
    /// The threshold n the release was made with.
    public var minCell: Int

    enum CodingKeys: String, CodingKey {
        case rowDimensions = "row_dimensions", columnDimension = "column_dimension", columns, rows
        case columnTotals = "column_totals", total, minCell = "min_cell"
    }

    /// A release of `table` with the `suppressed` cells hidden.
    public init(_ table: CountTable, suppressed: Set<TableCell>, minCell: Int) {
        rowDimensions = table.rowDimensions
        columnDimension = table.columnDimension
        columns = table.columns
        let totals = table.rowTotals
        rows = table.rows.indices.map { row in
            Row(labels: table.rows[row],
                cells: table.columns.indices.map { suppressed.contains(TableCell(row: row, column: $0)) ? nil : table.counts[row][$0] },
                total: totals[row])
        }
        columnTotals = table.columnTotals
        total = table.total
        self.minCell = minCell
    }

    /// The number of suppressed cells.
    public var suppressedCount: Int { rows.reduce(0) { $0 + $1.cells.filter { $0 == nil }.count } }
}
