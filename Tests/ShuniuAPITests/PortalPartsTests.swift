import Foundation
import ShuniuAudit
import ShuniuModel
import Synchronization
import Testing
@testable import ShuniuAPI

/// The portal's pure parts: HTML escaping, form bodies, sessions and their CSRF tokens, the
/// sign-in's return path, the notice delay on receipts, the chart's scale, CSV cells.
@Suite("Portal parts")
struct PortalPartsTests {
    @Test func interpolatedTextIsEscapedAndFragmentsAreNot() {
        let name = "<script>alert('x')</script> & \"quotes\""
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(cell.markup == "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</td>")
        let inner: HTML = "<b>\(name)</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.markup.hasPrefix("<p><b>&lt;script"))
        #expect(HTML.escape("a\u{0}b\u{1b}c\td") == "abc\td", "control characters never reach the page")
        #expect(HTML.escape("户籍 ✓") == "户籍 ✓")
    }

    @Test func formBodiesDecodeAndTolerateMalformedEscapes() {
        let form = FormBody(bytes: Array("theme=social-insurance&fields=a&fields=b&basis=%E5%88%91%E6%B3%95+%C2%A7&bad=%zz%4&empty=&=x".utf8))
        #expect(form["theme"] == "social-insurance")
        #expect(form.all("fields") == ["a", "b"])
        #expect(form["basis"] == "刑法 §")
        #expect(form["bad"] == "%zz%4")
        #expect(form["empty"] == nil && form["missing"] == nil)
        #expect(FormBody(bytes: Array("x=%".utf8))["x"] == "%")
        #expect(FormBody(bytes: Array("x=%F0%9F".utf8))["x"] == "\u{FFFD}", "invalid UTF-8 is replaced, never a crash")
    }

    @Test func randomFormBodiesNeverStopTheParserAndEncodedValuesRoundTrip() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("%+&=aZ09~-._ ".utf8) + [0x00, 0x7f, 0x80, 0xc3, 0xe4, 0xff]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let form = FormBody(bytes: bytes)
            #expect(form.pairs.count <= bytes.count + 1)
        }
        for _ in 0..<2_000 {
            let value = String((0..<Int.random(in: 1...20, using: &random)).map { _ in
                ["a", "户", " ", "&", "=", "%", "+", "é", "\n", "🙂"][Int.random(in: 0..<10, using: &random)] as Character
            })
            let encoded = "name=" + PortalPage.percent(value)
            #expect(FormBody(bytes: Array(encoded.utf8)).pairs.first?.value == value)
        }
    }

    @Test func sessionsEndWhenIdleOrOldAndTokensCompareExactly() {
        final class Clock: Sendable {
            let now = Mutex<Double>(1_000)
        }
        let clock = Clock()
        let sessions = PortalSessions(clock: { clock.now.withLock { $0 } })
        let id = sessions.open(.department("tax", keyID: "k1"))
        #expect(id.count == 64 && id != sessions.open(.ops(keyID: "k2")))
        let csrf = try? #require(sessions.session(id)?.csrf)
        #expect(csrf?.count == 64)
        clock.now.withLock { $0 += PortalSessions.idle - 1 }
        #expect(sessions.session(id) != nil, "used within the idle limit")
        clock.now.withLock { $0 += PortalSessions.idle - 1 }
        #expect(sessions.session(id) != nil)
        clock.now.withLock { $0 += PortalSessions.idle + 1 }
        #expect(sessions.session(id) == nil, "idle too long")
        let old = sessions.open(.citizen("440113198503140124", keyID: "k3"))
        for _ in 0..<40 {
            clock.now.withLock { $0 += PortalSessions.idle / 2 }
            _ = sessions.session(old)
        }
        #expect(sessions.session(old) == nil, "past the absolute lifetime however often used")
        let closed = sessions.open(.ops(keyID: "k4"))
        sessions.close(closed)
        #expect(sessions.session(closed) == nil)
        #expect(PortalSessions.same("abc", "abc") && !PortalSessions.same("abc", "abd") && !PortalSessions.same("abc", "abcd"))
    }

    @Test func theSignInReturnsOnlyInsideThePortal() {
        #expect(SignInPages.safe("/portal/workspace") == "/portal/workspace")
        #expect(SignInPages.safe("/portal/me?x=1") == "/portal/me?x=1")
        for bad in ["https://evil.example/", "//evil.example/portal", "/portal//evil", "/v1/grants", "/portal\\evil", "/portal/\u{7f}", nil] {
            #expect(SignInPages.safe(bad) == nil, "\(bad ?? "nil")")
        }
    }

    @Test func receiptsUnderANoticeDelayWaitForTheirDay() throws {
        let catalogue = try CatalogueLoader.load(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topics"))
        let workflow = GrantWorkflow(catalogue: catalogue)
        var table = GrantTable()
        let application = GrantApplication(subscriber: "public-security", theme: "social-insurance", function: "criminal-investigation",
                                           basis: "刑事诉讼法", fields: ["monthly_pension"], noticeDelayDays: 30)
        for event in try workflow.apply(application, id: "g-delayed", at: "2026-12-01T09:00:00Z", table: table) {
            #expect(table.apply(event, catalogue: catalogue) == nil)
        }
        func receipt(_ grant: String?, _ time: String) -> Receipt {
            let grantJSON = grant.map { "\"grant\":\"\($0)\"," } ?? ""
            let json = #"{"kind":"read","department":"public-security","theme":"social-insurance",\#(grantJSON)"time":"\#(time)","fields":[],"outcome":"read","via":"api","copies":1,"record":"audit.access 0/1"}"#
            return try! JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
        }
        let receipts = [receipt("g-delayed", "2026-12-02T10:00:00Z"), receipt(nil, "2026-12-02T10:00:00Z"),
                        receipt("g-other", "2026-12-02T10:00:00Z"), receipt("g-delayed", "garbage")]
        let day = { (text: String) in CalendarDate(iso: text)! }
        #expect(NoticeDelay.visible(receipts, grants: table, today: day("2026-12-31")).count == 2)
        #expect(NoticeDelay.visible(receipts, grants: table, today: day("2027-01-01")).count == 3, "shown on the 30th day after")
        #expect(NoticeDelay.visible(receipts, grants: table, today: day("9999-12-31")).count == 3, "an unreadable time stays withheld")
    }

    @Test func theChartScaleIsRoundAndItsTicksExact() {
        #expect(SVGChart.niceCeiling(1) == 1 && SVGChart.niceCeiling(3) == 5 && SVGChart.niceCeiling(11) == 20)
        #expect(SVGChart.niceCeiling(Int.max) > 0, "no overflow at the top")
        let chart = SVGChart(title: "t", series: [.init(name: "a", colour: "#000")], days: [("2026-12-01", [7]), ("2026-12-02", [0])])
        let svg = chart.svg.markup
        for label in [">0<", ">2<", ">4<", ">6<", ">8<"] { #expect(svg.contains(label), "\(label)") }
        #expect(svg.contains("<title>2026-12-01 a: 7</title>"))
    }

    @Test func csvCellsAreQuotedAndFormulasDefused() {
        #expect(TrackerPages.cell("plain") == "plain")
        #expect(TrackerPages.cell("a,b") == "\"a,b\"")
        #expect(TrackerPages.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TrackerPages.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TrackerPages.cell("-1") == "'-1")
    }
}
