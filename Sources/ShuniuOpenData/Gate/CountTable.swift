/// A two-way table of counts: rows labelled by one or more dimensions (e.g. district × sex),
/// columns by one dimension (e.g. age band), with its row, column and grand totals.
///
/// A table of three dimensions is published as two: the leading dimensions label the rows.
public struct CountTable: Sendable, Hashable {
    /// The dimensions that label a row, e.g. `["district", "sex"]`.
    public var rowDimensions: [String]
    /// The dimension that labels the columns, e.g. `"age_band"`.
    public var columnDimension: String
    /// Each row's labels, one per row dimension.
    public var rows: [[String]]
    /// The column labels.
    public var columns: [String]
    /// `counts[row][column]`, never negative.
    public var counts: [[Int]]

    /// A table; `counts` must have one entry per row, each with one count per column.
    public init(rowDimensions: [String], columnDimension: String, rows: [[String]], columns: [String], counts: [[Int]]) {
        precondition(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count },
                     "counts must be rows × columns")
        self.rowDimensions = rowDimensions
        self.columnDimension = columnDimension
        self.rows = rows
        self.columns = columns
        self.counts = counts
    }

    /// The sum of each row.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    /// The sum of each column.
    public var columnTotals: [Int] {
        columns.indices.map { column in counts.reduce(0) { $0 + $1[column] } }
    }

    /// The sum of every cell.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// A row's labels as one text, e.g. `haizhu / male`.
    public func rowName(_ row: Int) -> String { rows[row].joined(separator: " / ") }

    /// A cell's name for messages, e.g. `haizhu / male × 15-24`.
    public func cellName(_ cell: TableCell) -> String { "\(rowName(cell.row)) × \(columns[cell.column])" }
}

/// The position of one cell of a ``CountTable``.
public struct TableCell: Sendable, Hashable, Comparable, Codable {
    /// The row index.
    public var row: Int
    /// The column index.
    public var column: Int

    /// A position.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Row-major order.
    public static func < (lhs: TableCell, rhs: TableCell) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
