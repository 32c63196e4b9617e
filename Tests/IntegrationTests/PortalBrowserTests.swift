import Foundation
import Synchronization
import ShuniuAPI
import ShuniuAudit
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData
import ShuniuStreams
import Testing

/// The portal driven in a real headless Chromium (WebDriver through chromedriver) against the
/// API service on a loopback socket with a real broker, library, credit library and open-data
/// snapshots: sign-in, a refused and a sent application, the provider's approval, another
/// department's queue refused, a forged form refused (CSRF), the citizen's data use record
/// equal to the audit's receipts with an investigative grant's read withheld until its day, a
/// download equal to the snapshot file, per-dataset DCAT-AP validated by pyshacl, credit
/// publicity and an objection, the grid worker form, the ops view. Screenshots of the main
/// pages go to `.shuniu/screenshots/`.
@Suite("Portal in a real browser", .serialized)
struct PortalBrowserTests {
    /// Where the screenshots go (the repository's `.shuniu/`, kept by CI as artefacts).
    static let screenshots = TestBroker.root.appendingPathComponent(".shuniu/screenshots").path

    /// Today for the notice delay, movable by the test.
    final class Today: Sendable {
        private let offset = Mutex(0)
        func advance(days: Int) { offset.withLock { $0 += days } }
        var value: CalendarDate? {
            guard let today = CalendarDate(iso: ISO8601DateFormatter().string(from: Date()).prefix(10)) else { return nil }
            return CalendarDate(daysSinceEpoch: today.daysSinceEpoch + offset.withLock { $0 })
        }
    }

    @Test func staffApplyAndApproveCitizensSeeTheirRecordAndFormsAreGuarded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-portal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let openRoot = folder.appendingPathComponent("open")
        try OpenDataDCATTests.publish(into: openRoot)
        let (credit, creditStore) = try APICreditOpenDataTests.creditLibrary(at: folder.appendingPathComponent("credit.sqlite").path)
        let day = try #require(CalendarDate(iso: ISO8601DateFormatter().string(from: Date()).prefix(10)))
        let organisation = try #require(try creditStore.subjects().first { subject in
            (try? CreditCode(validating: subject)) != nil
                && (try? credit.publicView(subject, on: day)).map { CreditPagesName.name(of: $0) != nil && !$0.entries.isEmpty } == true
        })
        let organisationName = try #require(CreditPagesName.name(of: try credit.publicView(organisation, on: day)))
        let today = Today()
        let fixture = try await APIFixture(credit: credit, openData: SnapshotStore(root: openRoot)) { config in
            config.noticeToday = { today.value }
            config.portalFiguresInterval = .zero
        }
        let person = APIFixture.panyuPerson
        // The person's social-insurance record, for the investigative grant's read.
        let store = try SQLiteLibraryStore(path: fixture.folder.appendingPathComponent("library.sqlite").path)
        _ = try store.apply(ProjectionBatch(changes: [SliceChange(
            library: .person, subject: person, theme: "social-insurance", sequence: 1,
            row: Array(#"{"citizen_id":"\#(person)","name":"李梅","pension_status":"contributing","contribution_months":120,"monthly_pension":3200}"#.utf8),
            lineage: Lineage(department: "human-resources-social-security", eventID: "social-insurance/\(person)/1", sequence: 1,
                             eventTime: "2025-06-01T08:00:00Z", source: "src.social-insurance/0/0"))]))
        // A household-registration record of the person, routed by a real router under the
        // fixture's grants: deliveries on audit.exchange for the citizen's record.
        _ = try await TopicPlanner(admin: KafkaAdmin(client: fixture.broker.client)).apply(APIFixture.catalogue)
        let producer = try KafkaProducer(config: ProducerConfig(client: fixture.broker.client))
        let row: Row = ["citizen_id": .string(person), "name": "李梅", "sex": "female", "birth_date": "1985-03-14",
                        "address": "番禺区市桥街1号", "district": "panyu", "household_id": "H-panyu-1", "registration_status": "active"]
        let report = try await producer.send(ProducerRecord(event: .upsert(
            id: "household-registration/\(person)/9", source: "public-security", theme: "household-registration", subject: person,
            time: "2026-06-01T08:00:00Z", sequence: 9, row: row)))
        #expect(report.error == nil)
        await producer.close()
        let router = RouterHarness(broker: fixture.broker, secret: APIFixture.secret)
        try await router.waitUntilRouted(themes: [try #require(APIFixture.catalogue.theme("household-registration"))], timeout: .seconds(120))
        try await router.stop()

        let keys = try APIKeyStore(path: fixture.keyPath)
        let police = try keys.issue(department: "public-security", label: "portal test", at: "2026-01-01T00:00:00Z").text
        let insurer = try keys.issue(department: "human-resources-social-security", label: "portal test", at: "2026-01-01T00:00:00Z").text
        let citizen = try keys.issueCitizen(person, label: "portal test", at: "2026-01-01T00:00:00Z").text
        let company = try keys.issueCitizen(organisation, label: "portal test", at: "2026-01-01T00:00:00Z").text
        let grid = try #require(fixture.keys["panyu-grid-centre"])
        let housing = try #require(fixture.keys["housing-construction"])
        _ = try await KafkaAdmin(client: fixture.broker.client).createTopics([
            NewTopic(name: Topics.creditObjections, partitions: 1), NewTopic(name: Topics.source("grid-visits-panyu"), partitions: 1)])
        try await Task.sleep(for: .milliseconds(1_500))  // the key ring reloads every second

        let browser = try await WebDriver()
        defer { Task { await browser.quit() } }
        try await fixture.live { client in
            let base = "http://127.0.0.1:\(client.port ?? 0)"
            func signIn(_ key: String) async throws {
                try await browser.open("\(base)/portal/sign-in")
                try await browser.type("#key", key)
                try await browser.submit("form.card button[type=submit]")
                try await Self.eventually { (try? await browser.element("header form.inline button")) != nil }
            }
            func signOut() async throws {
                try await browser.submit("header form.inline button")
                try await Self.eventually { (try? await browser.element("header a[href^='/portal/sign-in']")) != nil }
            }
            // Every page shot is also checked for form controls without a label.
            func shot(_ name: String) async throws {
                try await browser.screenshot(to: "\(Self.screenshots)/\(name).png")
                let unlabelled = try await browser.unlabelledControls()
                #expect(unlabelled.isEmpty, "\(name): controls without a label: \(unlabelled)")
            }

            // The start page and the catalogue, in Chinese, then English by the switch.
            try await browser.open("\(base)/portal")
            let seen63547 = try await browser.text("h1")
            #expect(seen63547 == "政务信息资源共享平台", "\(seen63547)")
            try await shot("home")
            try await browser.open("\(base)/portal/catalogue/social-insurance")
            let seen3008 = try await browser.text("#fields")
            #expect(seen3008.contains("citizen_id"), "\(seen3008)")
            let seen51965 = try await browser.text("#functions")
            #expect(seen51965.contains("criminal-investigation"), "\(seen51965)")
            try await shot("catalogue-theme")
            try await browser.submit("header a[lang=en]")
            let seen39768 = try await browser.text("h1")
            #expect(seen39768 == "Social insurance", "\(seen39768)")
            try await browser.open("\(base)/portal/catalogue?q=grid")
            let listed = try await browser.text("main table")
            #expect(listed.contains("grid-visits-panyu") && listed.contains("grid-visits-tianhe"), "\(listed)")
            try await browser.submit("header a[lang=zh-CN]")

            // Public security applies: first without a basis (the workflow's refusal on the form), then properly.
            try await signIn(police)
            #expect(try await browser.url.hasSuffix("/portal/workspace"))
            try await browser.open("\(base)/portal/workspace/apply?theme=social-insurance")
            try await browser.click("#function option[value=criminal-investigation]")
            try await browser.click("#field-monthly_pension")  // secret: the provider decides
            try await browser.type("#notice-delay", "30")
            try await browser.submit("#submit-application")
            let seen63925 = try await browser.text("#refusal")
            #expect(seen63925.contains("basis-required"), "\(seen63925)")
            try await shot("apply-refused")
            try await browser.type("#basis", "中华人民共和国刑事诉讼法 第五十四条")
            try await browser.submit("#submit-application")
            let sent = try await browser.url
            let grant = try #require(sent.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(grant.hasPrefix("g-"))
            try await Self.eventually { fixture.service.runtime.grants.table.grant(grant) != nil }
            try await browser.open("\(base)/portal/workspace/grants/\(grant)")
            let seen57373 = try await browser.text("#state")
            #expect(seen57373 == "待审核", "\(seen57373)")
            try await signOut()

            // The provider approves it from its queue; another department's queue is 403.
            try await signIn(insurer)
            try await browser.open("\(base)/portal/workspace/queue/human-resources-social-security")
            let seen23276 = try await browser.text("#provider + table")
            #expect(seen23276.contains(grant), "\(seen23276)")
            try await shot("provider-queue")
            try await browser.open("\(base)/portal/workspace/grants/\(grant)")
            try await browser.type("#reason", "协查骗保案件")
            try await browser.submit("#approve")
            let seen47773 = try await browser.text("#state")
            #expect(seen47773 == "生效中", "\(seen47773)")
            try await shot("grant-approved")
            #expect(fixture.service.runtime.grants.table.grant(grant)?.application.noticeDelayDays == 30)
            try await browser.open("\(base)/portal/workspace/queue/public-security")
            let seen85578 = try await browser.text("main")
            #expect(seen85578.contains("403 forbidden"), "\(seen85578)")

            // A forged form (no token, a wrong token) changes nothing; the cookie is HttpOnly, SameSite=Strict.
            let cookies = try await browser.cookies()
            let session = try #require(cookies.first { $0["name"] as? String == "shuniu_session" })
            #expect(session["httpOnly"] as? Bool == true && session["sameSite"] as? String == "Strict")
            let cookie = "shuniu_session=\(session["value"] as? String ?? "")"
            let forged = try await PlainHTTP.send("\(base)/portal/workspace/grants/\(grant)/revoke", method: "POST", cookie: cookie, form: "reason=forged")
            #expect(forged.status == 403 && forged.body.contains("csrf-invalid"))
            let wrong = try await PlainHTTP.send("\(base)/portal/workspace/grants/\(grant)/revoke", method: "POST", cookie: cookie,
                                                 form: "reason=forged&csrf=\(String(repeating: "0", count: 64))")
            #expect(wrong.status == 403)
            #expect(forged.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            try await fixture.service.runtime.grants.catchUp()
            #expect(fixture.service.runtime.grants.table.grant(grant)?.state == .approved)
            try await signOut()

            // Reads of the person: housing (shown at once) and the police under the delayed grant.
            #expect(try await client.get("/v1/persons/\(person)", as: housing).status == .ok)
            let policeRead = try await client.get("/v1/persons/\(person)", as: police)
            #expect(policeRead.status == .ok && policeRead.text.contains(grant))
            #expect(try await client.get("/v1/persons/\(person)", as: citizen).status == .forbidden, "a citizen token opens no API route")
            var receipts: [Receipt] = []
            try await Self.eventually {
                receipts = try await Self.whoReceived(person, client: fixture.broker.client)
                return receipts.contains { $0.grant == grant }
            }
            let delayed = receipts.filter { $0.grant == grant }
            #expect(!delayed.isEmpty && delayed.count < receipts.count)
            #expect(receipts.filter { $0.kind == .delivery }.count >= 2, "the router's deliveries to housing and the Panyu grid centre")
            #expect(receipts.contains { $0.kind == .read })

            // The citizen's record: every receipt but the delayed ones, then all of them after the delay.
            try await signIn(citizen)
            #expect(try await browser.url.hasSuffix("/portal/me"))
            let rows = try await browser.elements("#receipts tbody tr")
            #expect(rows.count == receipts.count - delayed.count)
            #expect(!(try await browser.text("#receipts")).contains(grant), "a read under the notice delay is withheld")
            for receipt in receipts where receipt.grant != grant {
                let seen95716 = try await browser.text("#receipts")
            #expect(seen95716.contains(receipt.time), "\(seen95716)")
            }
            try await shot("my-data-use")
            today.advance(days: 31)
            try await browser.open("\(base)/portal/me")
            #expect(try await browser.elements("#receipts tbody tr").count == receipts.count)
            let seen67031 = try await browser.text("#receipts")
            #expect(seen67031.contains(grant), "\(seen67031)")
            let citizenCookie = "shuniu_session=\(try await browser.cookie("shuniu_session") ?? "")"
            let csv = try await PlainHTTP.send("\(base)/portal/me.csv", cookie: citizenCookie)
            #expect(csv.status == 200 && csv.body.split(separator: "\r\n").count == receipts.count + 1)
            #expect(try await PlainHTTP.send("\(base)/portal/me.csv").status == 401, "no record without the citizen's sign-in")
            try await signOut()

            // Open data: the download equals the snapshot file; the dataset's DCAT-AP has no violation.
            try await browser.open("\(base)/portal/open")
            try await shot("open-data")
            try await browser.open("\(base)/portal/open/residents-by-district-sex")
            let href = try #require(try await browser.attribute("#versions a[download]", "href"))
            let downloaded = try await PlainHTTP.bytes(href.hasPrefix("http") ? href : base + href)
            let name = try #require(href.split(separator: "/").last.map(String.init))
            let file = try Data(contentsOf: openRoot.appendingPathComponent("residents-by-district-sex/v2/\(name)"))
            #expect(downloaded == file && !file.isEmpty)
            let ttl = folder.appendingPathComponent("dataset.ttl"), json = folder.appendingPathComponent("dataset.jsonld")
            try Data(try await PlainHTTP.bytes("\(base)/portal/open/residents-by-district-sex/metadata.ttl")).write(to: ttl)
            try Data(try await PlainHTTP.bytes("\(base)/portal/open/residents-by-district-sex/metadata.jsonld")).write(to: json)
            let lines = try await Self.offThePool { try OpenDataDCATTests.check(turtle: ttl, jsonLD: json, log: folder.appendingPathComponent("shacl.log")) }
            #expect(lines.first { $0.hasPrefix(ttl.path) }?.contains("conforms=True violations=0") == true, "\(lines.joined(separator: "\n").prefix(4000))")
            #expect(lines.contains("isomorphic=True"))

            // Credit publicity: found by name; the organisation itself files an objection.
            try await browser.open("\(base)/portal/credit")
            try await browser.type("#q", String(organisationName.prefix(6)))
            try await browser.submit("form.filters button")
            let seen25610 = try await browser.text("#results")
            #expect(seen25610.contains(organisation), "\(seen25610)")
            try await browser.open("\(base)/portal/credit/\(organisation)")
            try await shot("credit-publicity")
            #expect((try? await browser.element("#file-objection")) == nil, "only the organisation may object")
            try await signIn(company)
            try await browser.open("\(base)/portal/credit/\(organisation)")
            try await browser.type("#reason", "该处罚已撤销")
            try await browser.submit("#file-objection")
            let seen59600 = try await browser.text("main")
            #expect(seen59600.contains("已提交异议"), "\(seen59600)")
            let objections = try await Broker.readAll(Topics.creditObjections, client: fixture.broker.client)
            #expect(objections.count == 1)
            let step = try ObjectionEvent.decode(try #require(objections.first).value)
            #expect(step.kind == .filed && step.subject == organisation && step.signature?.via?.hasPrefix("portal-key:") == true)
            try await signOut()

            // The grid worker: a wrong number is refused on the form, a right one published as the centre.
            try await signIn(grid)
            try await browser.open("\(base)/portal/grid?theme=grid-visits-panyu")
            try await browser.type("#f-house_code", "HC-PY-0001")
            try await browser.click("#f-finding option[value=tenant-change]")
            try await browser.execute("document.getElementById('f-tenant_count').type = 'text'")
            try await browser.type("#f-tenant_count", "three")
            try await browser.type("#f-worker", "PY-017")
            try await browser.submit("#publish")
            let seen58635 = try await browser.text("#form-error")
            #expect(seen58635.contains("tenant_count"), "\(seen58635)")
            try await shot("grid-refused")
            try await browser.type("#f-tenant_count", "3")
            try await browser.submit("#publish")
            let seen26651 = try await browser.text("#published")
            #expect(seen26651.contains("grid-visits-panyu"), "\(seen26651)")
            let published = try await Broker.readAll(Topics.source("grid-visits-panyu"), client: fixture.broker.client)
            #expect(published.count == 1)
            #expect(published.first.flatMap { $0.headers.value(named: EnvelopeHeaderName.source) }.map { String(decoding: $0, as: UTF8.self) } == "panyu-grid-centre")
            try await signOut()

            // The ops view: the chart and the audit's state; a department's session is refused it.
            try await signIn(housing)
            try await browser.open("\(base)/portal/ops")
            let seen25715 = try await browser.text("main")
            #expect(seen25715.contains("403"), "\(seen25715)")
            try await signOut()
            try await signIn(fixture.opsKey)
            #expect(try await browser.url.hasSuffix("/portal/ops"))
            #expect(!(try await browser.elements("#exchange-chart svg rect.bar")).isEmpty, "the day's reads are drawn")
            let totals = try await browser.text("#exchange-totals")
            let reads = receipts.filter { $0.kind == .read }.count, deliveries = receipts.filter { $0.kind == .delivery }.count
            #expect(totals.contains("交付 \(deliveries)") && totals.contains("查询 \(reads)"), "\(totals)")
            let seen72409 = try await browser.text("#audit-status")
            #expect(seen72409 == "全部审计链校验通过。", "\(seen72409)")
            try await shot("ops")
        }
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: Self.screenshots)) ?? []
        #expect(saved.filter { $0.hasSuffix(".png") }.count >= 9)
    }

    /// What `shuniu audit who-received` lists for `subject`.
    static func whoReceived(_ subject: String, client: KafkaClientConfig) async throws -> [Receipt] {
        var ledger = ReceiptLedger(subject: try SubjectID(validating: subject))
        try await TopicScan(client: client).scan([Topics.audit, Topics.access]) {
            ledger.add($0.value, topic: $0.topic, partition: $0.partition, offset: $0.offset)
        }
        return ledger.receipts
    }

    /// Runs blocking work (a child process waited for) on a Dispatch thread, not on one of the
    /// cooperative pool's two threads, which every other test's tasks need.
    static func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Waits up to 30 s for `condition`.
    static func eventually(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<300 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the condition did not hold within 30 s")
    }
}

/// The organisation-name rule of the credit pages, for picking a searchable organisation.
enum CreditPagesName {
    static func name(of view: CreditView) -> String? {
        for entry in view.entries {
            for field in ["holder_name", "offender_name", "name"] {
                if let name = entry.fields[field]?.stringValue, !name.isEmpty { return name }
            }
        }
        return nil
    }
}
