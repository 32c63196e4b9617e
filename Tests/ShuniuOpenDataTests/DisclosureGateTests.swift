import ShuniuOpenData
import Testing

@Suite struct DisclosureGateTests {
    let policy = DisclosurePolicy()

    /// Districts × age bands, every cell safe.
    static func table(_ counts: [[Int]], rows: [String]? = nil, columns: [String]? = nil) -> CountTable {
        CountTable(rowDimensions: ["district"], columnDimension: "age_band",
                   rows: (rows ?? counts.indices.map { "d\($0)" }).map { [$0] },
                   columns: columns ?? counts[0].indices.map { "c\($0)" }, counts: counts)
    }

    @Test func aSafeTablePassesUnchangedWithItsTotals() throws {
        let table = Self.table([[10, 12, 7], [5, 9, 30]])
        guard case .publish(let release) = DisclosureGate.review(table, previous: nil, policy: policy) else {
            Issue.record("a table without small cells was refused")
            return
        }
        #expect(release.suppressedCount == 0)
        #expect(release.rows.map(\.cells) == [[10, 12, 7], [5, 9, 30]])
        #expect(release.rows.map(\.total) == [29, 44])
        #expect(release.columnTotals == [15, 21, 37] && release.total == 73)
    }

    @Test func aSmallTotalIsRefusedWithItsReason() {
        let table = Self.table([[1, 1, 0], [5, 9, 30]], rows: ["conghua", "tianhe"])
        let refusals = DisclosureGate.review(table, previous: nil, policy: policy).refusals
        #expect(refusals.map(\.code) == [.smallCell])
        #expect(refusals.first?.message.contains("row total of 'conghua'") == true)
    }

    @Test func aSmallCellIsRefusedWhenSuppressionIsOff() {
        let table = Self.table([[2, 12, 7], [5, 9, 30]], rows: ["liwan", "tianhe"], columns: ["0-14", "15-24", "25-34"])
        let refusals = DisclosureGate.review(table, previous: nil, policy: DisclosurePolicy(suppress: false)).refusals
        #expect(refusals.map(\.code) == [.smallCell])
        #expect(refusals.first?.message.contains("liwan × 0-14") == true)
    }

    @Test func aSmallCellIsHiddenWithComplementsSoNoHiddenCellIsRecoverable() throws {
        let table = Self.table([[2, 12, 7, 40], [5, 9, 30, 8], [11, 6, 4, 19]])
        guard case .publish(let release) = DisclosureGate.review(table, previous: nil, policy: policy) else {
            Issue.record("refused")
            return
        }
        #expect(release.rows[0].cells[0] == nil, "the small cell is hidden")
        for (index, row) in release.rows.enumerated() {
            let hidden = row.cells.filter { $0 == nil }.count
            #expect(hidden == 0 || hidden >= 2, "row \(index) has \(hidden) hidden cell(s)")
        }
        for column in release.columns.indices {
            let hidden = release.rows.filter { $0.cells[column] == nil }.count
            #expect(hidden == 0 || hidden >= 2, "column \(column) has \(hidden) hidden cell(s)")
        }
        #expect(LinearRecovery.recoverable(release).isEmpty)
        // Complements are the smallest non-zero cells of the lines: 7 in row 0, 5 in column 0.
        #expect(release.rows[0].cells[2] == nil && release.rows[1].cells[0] == nil)
        // Published totals are the true ones.
        #expect(release.rows.map(\.total) == table.rowTotals && release.columnTotals == table.columnTotals)
    }

    @Test func hidingOnlyTheSmallCellWouldLeaveItRecoverable() {
        // The reason secondary suppression exists, shown with the independent solver.
        let table = Self.table([[2, 12, 7], [5, 9, 30]])
        let naive = PublishedTable(table, suppressed: [TableCell(row: 0, column: 0)], minCell: 3)
        #expect(LinearRecovery.recoverable(naive) == [TableCell(row: 0, column: 0)])
    }

    @Test func aSuppressedCellThatStaysRecoverableFromTheTotalsIsRefused() {
        // Two dense blocks joined only through cell b × z: whatever non-zero cells are hidden,
        // b × z is the one hidden cell linking them, so the totals give it away.
        let table = Self.table([[1, 10, 0, 0], [10, 10, 1, 0], [0, 0, 1, 10], [0, 0, 10, 10]],
                               rows: ["a", "b", "c", "d"], columns: ["x", "y", "z", "w"])
        let refusals = DisclosureGate.review(table, previous: nil, policy: policy).refusals
        #expect(refusals.map(\.code) == [.recoverableCell])
        #expect(refusals.first?.message.contains("b × z") == true)
        // The independent solver agrees: even with every non-zero cell hidden, b × z follows.
        var hidden: Set<TableCell> = []
        for row in 0..<4 { for column in 0..<4 where table.counts[row][column] > 0 { hidden.insert(TableCell(row: row, column: column)) } }
        let everything = PublishedTable(table, suppressed: hidden, minCell: 3)
        #expect(LinearRecovery.recoverable(everything).contains(TableCell(row: 1, column: 2)))
    }

    @Test func aHiddenCellLinkingTwoHiddenCyclesGetsAnotherComplement() throws {
        // Completing rows and columns leaves b × z as the only hidden link between two hidden
        // cycles (recoverable); hiding a × z, the smallest cell joining the two parts, closes a
        // cycle through it.
        let table = Self.table([[1, 10, 20, 0], [10, 10, 1, 0], [0, 0, 1, 10], [0, 0, 10, 10]],
                               rows: ["a", "b", "c", "d"], columns: ["x", "y", "z", "w"])
        guard case .publish(let release) = DisclosureGate.review(table, previous: nil, policy: policy) else {
            Issue.record("refused: \(DisclosureGate.review(table, previous: nil, policy: policy).refusals)")
            return
        }
        #expect(release.rows[0].cells[2] == nil, "a × z hidden to close the cycle")
        #expect(LinearRecovery.recoverable(release).isEmpty)
        var withoutIt = release
        withoutIt.rows[0].cells[2] = 20
        #expect(LinearRecovery.recoverable(withoutIt) == [TableCell(row: 1, column: 2)], "without it b × z follows")
    }

    @Test func aDifferencingAttackIsRefused() throws {
        let before = Self.table([[10, 12, 7], [5, 9, 30]], rows: ["haizhu", "tianhe"], columns: ["0-14", "15-24", "25-34"])
        guard case .publish(let previous) = DisclosureGate.review(before, previous: nil, policy: policy) else {
            Issue.record("first release refused")
            return
        }
        // One person joins haizhu × 15-24: the row total moves by 1 and only that cell changes,
        // so subtracting the releases reveals a group of one.
        let after = Self.table([[10, 13, 7], [5, 9, 30]], rows: ["haizhu", "tianhe"], columns: ["0-14", "15-24", "25-34"])
        let refusals = DisclosureGate.review(after, previous: previous, policy: policy).refusals
        #expect(!refusals.isEmpty && refusals.allSatisfy { $0.code == .differencing })
        #expect(refusals.contains { $0.message.contains("haizhu × 15-24") })
    }

    @Test func aChangeOfAtLeastNOrSpreadOverCellsPasses() throws {
        let before = Self.table([[10, 12, 7], [5, 9, 30]])
        guard case .publish(let previous) = DisclosureGate.review(before, previous: nil, policy: policy) else {
            Issue.record("first release refused")
            return
        }
        let bigger = Self.table([[10, 15, 7], [5, 9, 30]])
        #expect(DisclosureGate.review(bigger, previous: previous, policy: policy).refusals.isEmpty)
        let spread = Self.table([[11, 13, 8], [6, 10, 31]])
        #expect(DisclosureGate.review(spread, previous: previous, policy: policy).refusals.isEmpty)
        #expect(DisclosureGate.review(before, previous: previous, policy: policy).refusals.isEmpty, "the same table again")
    }

    @Test func aCellHiddenBeforeAndPublishedNowFollowsFromTheTotals() throws {
        // A previous release made by another tool hid one cell of a row; publishing that row in
        // full now, with the totals of both releases, gives the old value away.
        let current = Self.table([[3, 10, 12], [20, 9, 30]], rows: ["nansha", "tianhe"], columns: ["0-14", "15-24", "25-34"])
        var previous = PublishedTable(current, suppressed: [], minCell: 3)
        previous.rows[0].cells[0] = nil
        let refusals = DisclosureGate.review(current, previous: previous, policy: policy).refusals
        #expect(refusals.contains { $0.code == .differencing && $0.message.contains("nansha × 0-14") && $0.message.contains("previous release") })
    }

    @Test func theThresholdIsConfigurableButNeverBelowThree() {
        #expect(DisclosurePolicy(minCell: 1).minCell == 3)
        let table = Self.table([[4, 12, 7], [5, 9, 30]])
        #expect(DisclosureGate.review(table, previous: nil, policy: DisclosurePolicy(minCell: 3)).refusals.isEmpty)
        guard case .publish(let release) = DisclosureGate.review(table, previous: nil, policy: DisclosurePolicy(minCell: 5)) else {
            Issue.record("refused at n=5")
            return
        }
        #expect(release.rows[0].cells[0] == nil && release.minCell == 5)
        #expect(LinearRecovery.recoverable(release).isEmpty)
    }

    @Test func largerRandomTablesNeverLeaveARecoverableCell() {
        // A deterministic sweep of sparse-ish tables: the gate either refuses or publishes a
        // release in which the independent solver recovers nothing.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var published = 0
        for _ in 0..<60 {
            let rows = 2 + next(6), columns = 2 + next(6)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in [0, 1, 2, 3, 5, 8, 13, 40][next(8)] } }
            let decision = DisclosureGate.review(Self.table(counts), previous: nil, policy: policy)
            if case .publish(let release) = decision {
                published += 1
                #expect(LinearRecovery.recoverable(release).isEmpty, "\(counts)")
                for (index, row) in release.rows.enumerated() {
                    for (column, value) in row.cells.enumerated() {
                        let truth = counts[index][column]
                        #expect(value == nil || value == truth)
                        #expect(!(truth > 0 && truth < 3) || value == nil, "small cell \(index),\(column) published")
                    }
                }
            }
        }
        #expect(published > 10)
    }
}
