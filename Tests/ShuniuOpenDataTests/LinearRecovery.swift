import ShuniuOpenData

/// An independent check of what an attacker can compute from a release: the published cells,
/// row totals, column totals and grand total are linear equations over the hidden cells; a
/// hidden cell is exactly recoverable iff its unit vector lies in the span of those equations
/// (rank does not grow when it is added). Plain Gaussian elimination, no graph theory, so it
/// does not share the gate's reasoning.
enum LinearRecovery {
    /// The hidden cells of `release` whose value the totals determine exactly.
    static func recoverable(_ release: PublishedTable) -> [TableCell] {
        var hidden: [TableCell] = []
        for (row, entry) in release.rows.enumerated() {
            for (column, value) in entry.cells.enumerated() where value == nil {
                hidden.append(TableCell(row: row, column: column))
            }
        }
        guard !hidden.isEmpty else { return [] }
        var equations: [[Double]] = []
        for row in release.rows.indices {
            equations.append(hidden.map { $0.row == row ? 1 : 0 })
        }
        for column in release.columns.indices {
            equations.append(hidden.map { $0.column == column ? 1 : 0 })
        }
        let base = rank(equations)
        return hidden.indices.filter { index in
            var unit = Array(repeating: 0.0, count: hidden.count)
            unit[index] = 1
            return rank(equations + [unit]) == base
        }.map { hidden[$0] }
    }

    static func rank(_ matrix: [[Double]]) -> Int {
        var rows = matrix
        guard let width = rows.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width {
            guard let pivot = (rank..<rows.count).first(where: { abs(rows[$0][column]) > 1e-9 }) else { continue }
            rows.swapAt(rank, pivot)
            for other in rows.indices where other != rank && abs(rows[other][column]) > 1e-9 {
                let factor = rows[other][column] / rows[rank][column]
                for index in 0..<width { rows[other][index] -= factor * rows[rank][index] }
            }
            rank += 1
        }
        return rank
    }
}
