import Testing
@testable import ShuniuAdapters

/// The CSV reader's incremental quote state agrees with the splitter on whether a record is
/// complete, so a record is split once (linear), not on every line it spans. No broker needed.
@Suite struct CSVQuoteStateTests {
    static let alphabet: [UInt8] = Array(#"a ,"\#t"#.utf8) + [0x0A]

    /// Every input over a small alphabet up to a length, fed whole and line by line.
    @Test func agreesWithTheSplitterOnEveryShortInput() {
        var checked = 0
        var inputs: [[UInt8]] = [[]]
        for _ in 0..<6 {
            inputs = inputs.flatMap { prefix in Self.alphabet.map { prefix + [$0] } }
            for input in inputs {
                var whole = CSVSplitter.QuoteState()
                whole.feed(input)
                if whole.isOpen != (CSVSplitter.split(input) == nil) {
                    Issue.record("disagree on \(String(decoding: input, as: UTF8.self).debugDescription)")
                }
                checked += 1
            }
        }
        #expect(checked == 55_986)  // 6 + 6² + … + 6⁶
    }

    @Test func aLongQuotedValueOfShortLinesIsOneRecord() {
        var state = CSVSplitter.QuoteState()
        state.feed(Array(#"x,"open"#.utf8))
        var alwaysOpen = true
        for _ in 0..<100_000 {
            state.feed([0x0A])
            state.feed(Array(#""""#.utf8))  // an escaped quote on each line: still inside
            alwaysOpen = alwaysOpen && state.isOpen
        }
        #expect(alwaysOpen)
        state.feed(Array("\"".utf8))
        #expect(!state.isOpen)
    }
}
