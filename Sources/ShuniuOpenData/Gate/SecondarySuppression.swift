/// Secondary (complementary) suppression for a two-way table whose row and column totals are
/// published.
///
/// The hidden cells are the edges of a bipartite graph between rows and columns. A hidden cell
/// is exactly recoverable from the totals if and only if its edge lies on no cycle (it is a
/// bridge): each cycle is a direction in which the hidden values can move while every total
/// stays the same. So the rules are:
///
/// 1. every row and every column with a hidden cell gets a second one: the smallest non-zero
///    visible cell of that line (ties: the first in table order);
/// 2. while a hidden cell is a bridge between parts A (its row's side) and B (its column's side),
///    hide the smallest non-zero visible cell joining a row of one part to a column of the
///    other, which closes a cycle through it.
///
/// Zero cells are never hidden as complements: an empty cell is often known to be empty
/// (structural zeros), so hiding it protects nothing. When no non-zero candidate exists, the
/// cell stays recoverable and is reported.
public enum SecondarySuppression {
    /// The cells to hide (`primary` plus complements) and the hidden cells still recoverable.
    public static func apply(to table: CountTable, primary: Set<TableCell>) -> (suppressed: Set<TableCell>, recoverable: [TableCell]) {
        var hidden = primary
        var changed = !hidden.isEmpty
        while changed {
            changed = completeLines(table, &hidden)
            if changed { continue }
            for bridge in bridges(table, hidden).sorted() {
                if let complement = cycleCloser(for: bridge, table, hidden) {
                    hidden.insert(complement)
                    changed = true
                    break
                }
            }
        }
        return (hidden, bridges(table, hidden).sorted())
    }

    /// Rule 1: gives every line with exactly one hidden cell its smallest non-zero complement.
    private static func completeLines(_ table: CountTable, _ hidden: inout Set<TableCell>) -> Bool {
        var changed = false
        for row in table.rows.indices {
            let line = table.columns.indices.map { TableCell(row: row, column: $0) }
            if let complement = complement(in: line, table, hidden) {
                hidden.insert(complement)
                changed = true
            }
        }
        for column in table.columns.indices {
            let line = table.rows.indices.map { TableCell(row: $0, column: column) }
            if let complement = complement(in: line, table, hidden) {
                hidden.insert(complement)
                changed = true
            }
        }
        return changed
    }

    private static func complement(in line: [TableCell], _ table: CountTable, _ hidden: Set<TableCell>) -> TableCell? {
        guard line.filter(hidden.contains).count == 1 else { return nil }
        return smallest(line.filter { !hidden.contains($0) }, table)
    }

    private static func smallest(_ cells: [TableCell], _ table: CountTable) -> TableCell? {
        cells.filter { table.counts[$0.row][$0.column] > 0 }
            .min { (table.counts[$0.row][$0.column], $0) < (table.counts[$1.row][$1.column], $1) }
    }

    /// Rule 2: the smallest visible non-zero cell joining the two parts a bridge separates.
    private static func cycleCloser(for bridge: TableCell, _ table: CountTable, _ hidden: Set<TableCell>) -> TableCell? {
        var rest = hidden
        rest.remove(bridge)
        let graph = Graph(table, rest)
        let sideA = graph.component(of: bridge.row)
        let sideB = graph.component(of: graph.columnNode(bridge.column))
        var candidates: [TableCell] = []
        for row in table.rows.indices {
            for column in table.columns.indices {
                let cell = TableCell(row: row, column: column)
                guard !hidden.contains(cell) else { continue }
                let rowNode = row, columnNode = graph.columnNode(column)
                if (sideA.contains(rowNode) && sideB.contains(columnNode)) || (sideB.contains(rowNode) && sideA.contains(columnNode)) {
                    candidates.append(cell)
                }
            }
        }
        return smallest(candidates, table)
    }

    /// The hidden cells that lie on no cycle of the hidden-cell graph.
    static func bridges(_ table: CountTable, _ hidden: Set<TableCell>) -> [TableCell] {
        Graph(table, hidden).bridges()
    }
}

/// The bipartite graph of hidden cells: nodes are rows `0..<R` and columns `R..<R+C`.
private struct Graph {
    let rowCount: Int
    let edges: [TableCell]
    var adjacency: [[(node: Int, edge: Int)]]

    init(_ table: CountTable, _ hidden: Set<TableCell>) {
        rowCount = table.rows.count
        edges = hidden.sorted()
        adjacency = Array(repeating: [], count: table.rows.count + table.columns.count)
        for (index, cell) in edges.enumerated() {
            let column = rowCount + cell.column
            adjacency[cell.row].append((column, index))
            adjacency[column].append((cell.row, index))
        }
    }

    func columnNode(_ column: Int) -> Int { rowCount + column }

    func component(of start: Int) -> Set<Int> {
        var seen: Set<Int> = [start]
        var stack = [start]
        while let node = stack.popLast() {
            for next in adjacency[node] where seen.insert(next.node).inserted { stack.append(next.node) }
        }
        return seen
    }

    /// Tarjan's bridge finding (low-link), iteratively.
    func bridges() -> [TableCell] {
        var order = Array(repeating: -1, count: adjacency.count)
        var low = Array(repeating: 0, count: adjacency.count)
        var counter = 0
        var result: [TableCell] = []
        for root in adjacency.indices where order[root] < 0 && !adjacency[root].isEmpty {
            // Stack frames: node, the edge used to reach it, next neighbour index.
            var stack: [(node: Int, via: Int, next: Int)] = [(root, -1, 0)]
            order[root] = counter; low[root] = counter; counter += 1
            while var frame = stack.popLast() {
                if frame.next < adjacency[frame.node].count {
                    let (neighbour, edge) = adjacency[frame.node][frame.next]
                    frame.next += 1
                    stack.append(frame)
                    if edge == frame.via { continue }
                    if order[neighbour] < 0 {
                        order[neighbour] = counter; low[neighbour] = counter; counter += 1
                        stack.append((neighbour, edge, 0))
                    } else {
                        low[frame.node] = min(low[frame.node], order[neighbour])
                    }
                } else if let parent = stack.last {
                    low[parent.node] = min(low[parent.node], low[frame.node])
                    if low[frame.node] > order[parent.node] { result.append(edges[frame.via]) }
                }
            }
        }
        return result.sorted()
    }
}
