import Foundation
import HummingbirdTesting
import ShuniuAPI
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import Testing

/// The query API over a real socket, a real broker, a real library file and real keys.
@Suite("API", .serialized)
struct APITests {
    static let person = APIFixture.panyuPerson
    static let spouse = APIFixture.tianhePerson

    @Test("no key is 401, an unknown key is 401, a department without a grant on the library is 403")
    func authentication() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let none = try await client.get("/v1/persons/\(Self.person)", as: nil)
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "unauthorized")
            #expect(none.headers[.wwwAuthenticate] == "Bearer realm=\"shuniu\"")
            let real = try #require(fixture.keys["tax"])
            let forged = String(real.dropLast()) + (real.last == "0" ? "1" : "0")  // right id, wrong secret
            let wrong = try await client.get("/v1/persons/\(Self.person)", as: forged)
            #expect(wrong.status == .unauthorized)
            let tax = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["tax"])
            #expect(tax.status == .forbidden)
            #expect(tax.errorCode == "forbidden")
            // tax holds an entity grant: the entity library answers it.
            let entity = try await client.get("/v1/entities/\(APIFixture.enterprise.value)", as: fixture.keys["tax"])
            #expect(entity.status == .ok)
        }
    }

    @Test("each department sees only its granted fields, masked as granted, with the grant and the lineage")
    func fieldsAndMasks() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let housing = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["housing-construction"])
            #expect(housing.status == .ok)
            let slices = try #require(housing.json["slices"] as? [[String: Any]])
            #expect(slices.map { $0["theme"] as? String } == ["household-registration", "marriage"])
            let household = try #require(slices[0]["fields"] as? [String: String])
            #expect(Set(household.keys) == ["citizen_id", "name", "address", "district"])
            #expect(household["citizen_id"] == String(Self.person.prefix(6)) + "********" + String(Self.person.suffix(4)))
            #expect(household["name"] == "李梅")
            #expect(slices[0]["grant"] as? String == fixture.grants["housing-household"])
            #expect(slices[0]["basis"] as? String == "《广州市公共租赁住房保障办法》")
            let lineage = try #require(slices[0]["lineage"] as? [String: Any])
            #expect(lineage["department"] as? String == "public-security")
            #expect(lineage["source"] as? String == "src.household-registration/0/0")
            let marriage = try #require(slices[1]["fields"] as? [String: String])
            #expect(Set(marriage.keys) == ["citizen_id", "status", "spouse_citizen_id"])
            let pseudonym = PseudonymKeys(secret: APIFixture.secret, departments: []).pseudonym(Self.spouse, for: "housing-construction")
            #expect(marriage["spouse_citizen_id"] == pseudonym)
            let own = PseudonymKeys(secret: APIFixture.secret, departments: []).pseudonym(Self.person, for: "housing-construction")
            #expect(marriage["citizen_id"] == own, "the subject is masked too, so the spouse's own record cannot reveal the spouse")
            #expect(!housing.text.contains(Self.spouse))
            #expect(!housing.text.contains("王强"))

            let grid = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["panyu-grid-centre"])
            #expect(grid.status == .ok)
            let gridSlices = try #require(grid.json["slices"] as? [[String: Any]])
            #expect(gridSlices.count == 1)
            #expect(Set((gridSlices[0]["fields"] as? [String: String] ?? [:]).keys) == ["citizen_id", "name", "address"])
            #expect(grid.headers[.cacheControl] == "no-store")
        }
    }

    @Test("a row outside the caller's scope and an unknown subject are both 404, with the same code")
    func scope() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let outside = try await client.get("/v1/persons/\(Self.spouse)", as: fixture.keys["panyu-grid-centre"])
            #expect(outside.status == .notFound)
            #expect(outside.errorCode == "not-found")
            let inside = try await client.get("/v1/persons/\(Self.spouse)", as: fixture.keys["housing-construction"])
            #expect(inside.status == .ok)
            let unknown = CitizenID.make(region: "440113", year: 1990, month: 1, day: 1, sequence: 1).value
            let missing = try await client.get("/v1/persons/\(unknown)", as: fixture.keys["panyu-grid-centre"])
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == outside.errorCode)
        }
    }

    @Test("every read is on audit.access: one record per slice with grant, basis, fields and the SHA-256 of the bytes returned; 403 and 404 too; the chain verifies")
    func accessAudit() async throws {
        let fixture = try await APIFixture()
        let body = try await fixture.live { client in
            let read = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["housing-construction"],
                                            headers: [.init("X-Purpose")!: "case 2026-001"])
            _ = try await client.get("/v1/persons/\(Self.spouse)", as: fixture.keys["panyu-grid-centre"])
            _ = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["tax"])
            return read.text
        }
        let messages = try await Broker.readAll(Topics.access, client: fixture.broker.client)
        let records = try messages.map { try Row.parse(bytes: $0.value) }
        #expect(records.count == 4)
        let reads = records.filter { $0["decision"]?.stringValue == "read" }
        #expect(reads.map { $0["theme"]?.stringValue } == ["household-registration", "marriage"])
        for record in reads {
            #expect(record["department"]?.stringValue == "housing-construction")
            #expect(record["subject"]?.stringValue == Self.person)
            #expect(record["purpose"]?.stringValue == "case 2026-001")
            #expect(record["channel"]?.stringValue == "api")
        }
        #expect(reads[0]["grant"]?.stringValue == fixture.grants["housing-household"])
        #expect(reads[0]["basis"]?.stringValue == "《广州市公共租赁住房保障办法》")
        #expect(reads[0]["fields"]?.stringValue == "citizen_id,name,address,district")
        // The digest is of exactly the `fields` bytes the caller received.
        for (index, record) in reads.enumerated() {
            let returned = Self.fieldsMembers(of: body)[index]
            #expect(record["sha256"]?.stringValue == SHA256Digest.hex(SHA256Digest.hash(Array(returned.utf8))))
        }
        #expect(records.contains { $0["decision"]?.stringValue == "not-found" && $0["department"]?.stringValue == "panyu-grid-centre"
            && $0["subject"]?.stringValue == Self.spouse })
        #expect(records.contains { $0["decision"]?.stringValue == "denied" && $0["department"]?.stringValue == "tax" })
        var verifier = AuditVerifier(key: AuditKey(secret: APIFixture.secret))
        for message in messages { verifier.check(message.value, position: "\(message.partition)/\(message.offset)") }
        #expect(verifier.breaks.isEmpty)
        #expect(verifier.records == 4)
    }

    @Test("a revocation over the API stops reads under that grant at once")
    func revocation() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let key = fixture.keys["panyu-grid-centre"]
            let before = try await client.get("/v1/persons/\(Self.person)", as: key)
            #expect(before.status == .ok, "\(before.status) \(before.errorCode ?? "")")
            let grant = try #require(fixture.grants["panyu-household"])
            let refused = try await client.post("/v1/grants/\(grant)/revoke", as: fixture.keys["tax"], json: #"{"reason":"not mine"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "not-party")
            let noReason = try await client.post("/v1/grants/\(grant)/revoke", as: key, json: "{}")
            #expect(noReason.status == .badRequest)
            #expect(noReason.errorCode == "reason-required")
            let revoked = try await client.post("/v1/grants/\(grant)/revoke", as: key, json: #"{"reason":"task finished"}"#)
            #expect(revoked.status == .ok)
            #expect(revoked.json["state"] as? String == "revoked")
            let after = try await client.get("/v1/persons/\(Self.person)", as: key)
            #expect(after.status == .forbidden)
        }
    }

    @Test("grant workflow over HTTP: apply, the wrong party cannot approve, the provider can")
    func grantWorkflow() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let application = #"{"theme":"real-estate","function":"housing-security","basis":"《广州市公共租赁住房保障办法》","fields":["owner_name","address"],"scope":{"district":["panyu"]}}"#
            let applied = try await client.post("/v1/grants", as: fixture.keys["housing-construction"], json: application)
            #expect(applied.status == .created, "\(applied.text)")
            #expect(applied.json["state"] as? String == "applied")
            #expect(applied.json["subscriber"] as? String == "housing-construction")
            let id = try #require(applied.json["id"] as? String)
            let wrong = try await client.post("/v1/grants/\(id)/approve", as: fixture.keys["tax"], json: "{}")
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorCode == "not-provider")
            let hidden = try await client.get("/v1/grants/\(id)", as: fixture.keys["tax"])
            #expect(hidden.status == .forbidden)
            let approved = try await client.post("/v1/grants/\(id)/approve", as: fixture.keys["natural-resources"], json: "{}")
            #expect(approved.status == .ok)
            #expect(approved.json["state"] as? String == "approved")
            let twice = try await client.post("/v1/grants/\(id)/approve", as: fixture.keys["natural-resources"], json: "{}")
            #expect(twice.status == .conflict)
            let mine = try await client.get("/v1/grants", as: fixture.keys["natural-resources"])
            #expect((mine.json["grants"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let unentitled = try await client.post("/v1/grants", as: fixture.keys["tax"],
                                                   json: #"{"theme":"marriage","function":"tax-collection","basis":"x","fields":["status"]}"#)
            #expect(unentitled.status == .badRequest)
            #expect(unentitled.errorCode == "function-not-entitled")
        }
    }

    @Test("validation: a bad check character is a 400 that says so; entities by credit code or older organisation code")
    func validation() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let key = fixture.keys["housing-construction"]
            let last = Self.person.last!
            let badCheck = String(Self.person.dropLast()) + (last == "0" ? "1" : "0")
            let bad = try await client.get("/v1/persons/\(badCheck)", as: key)
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "bad-check-character")
            #expect(bad.text.contains("check character"))
            #expect(try await client.get("/v1/persons/12345", as: key).errorCode == "wrong-length")
            let code = APIFixture.enterprise.value
            let badCode = String(code.dropLast()) + (code.last == "1" ? "2" : "1")
            #expect(try await client.get("/v1/entities/\(badCode)", as: fixture.keys["tax"]).errorCode == "bad-check-character")
            let byAlias = try await client.get("/v1/entities/\(APIFixture.organisationCode)", as: fixture.keys["tax"])
            #expect(byAlias.status == .ok)
            #expect(byAlias.json["subject"] as? String == code)
            let fields = (byAlias.json["slices"] as? [[String: Any]])?.first?["fields"] as? [String: String]
            #expect(Set(fields?.keys ?? [:].keys) == ["credit_code", "name", "status"])
            #expect(try await client.get("/v1/entities/abc%20def", as: fixture.keys["tax"]).errorCode == "bad-identifier")
        }
    }

    @Test("errors are JSON with stable codes: no route, oversized body (413), malformed body, bad view")
    func errors() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let key = fixture.keys["housing-construction"]
            let noRoute = try await client.get("/v1/nothing", as: key)
            #expect(noRoute.status == .notFound)
            #expect(noRoute.errorCode == "no-route")
            let big = #"{"theme":"marriage","function":"housing-security","basis":""# + String(repeating: "x", count: 70_000) + #"","fields":["status"]}"#
            let tooLarge = try await client.post("/v1/grants", as: key, json: big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "body-too-large")
            let malformed = try await client.post("/v1/grants", as: key, json: #"{"theme":"marriage"}"#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad-request")
            let notJSON = try await client.post("/v1/grants", as: key, json: "theme=marriage")
            #expect(notJSON.status == .badRequest)
            let view = try await client.get("/v1/catalog?by=colour", as: nil)
            #expect(view.errorCode == "bad-view")
            for response in [noRoute, tooLarge, malformed, notJSON, view] {
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect((response.json["error"] as? [String: Any])?["message"] as? String != nil)
            }
        }
    }

    @Test("a revoked API key is refused once the key ring reloads")
    func keyRevocation() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let key = try #require(fixture.keys["panyu-grid-centre"])
            #expect(try await client.get("/v1/persons/\(Self.person)", as: key).status == .ok)
            let store = try APIKeyStore(path: fixture.service.runtime.config.keysPath)
            let id = try #require(APIKey(text: key)?.id)
            #expect(try store.revoke(id: id, at: "2026-01-02T00:00:00Z"))
            try fixture.service.runtime.keys.reload()
            #expect(try await client.get("/v1/persons/\(Self.person)", as: key).status == .unauthorized)
            // Only the hash is on disk.
            let file = try Data(contentsOf: URL(fileURLWithPath: fixture.service.runtime.config.keysPath))
            #expect(file.range(of: Data(String(key.suffix(64)).utf8)) == nil)
        }
    }

    @Test("operations: /healthz reports broker and store to an ops key, /metrics counts, /v1/catalog views, /v1/stats")
    func operations() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let health = try await client.get("/healthz", as: fixture.opsKey)
            #expect(health.status == .ok)
            #expect((health.json["broker"] as? [String: Any])?["ok"] as? Bool == true)
            #expect((health.json["store"] as? [String: Any])?["ok"] as? Bool == true)
            _ = try await client.get("/v1/persons/\(Self.person)", as: fixture.keys["housing-construction"])
            let metrics = try await client.get("/metrics", as: nil)
            #expect(metrics.text.contains(#"shuniu_api_requests_total{route="/v1/persons/{id}",status="200"} 1"#)
                    || metrics.text.contains(#"shuniu_api_requests_total{route="/v1/persons/:id",status="200"} 1"#))
            #expect(metrics.text.contains(#"shuniu_api_reads_total{outcome="read"} 1"#))
            #expect(metrics.text.contains("shuniu_api_access_audit_records_total 2"))
            let byDepartment = try await client.get("/v1/catalog?by=department", as: nil)
            let departments = byDepartment.json["departments"] as? [[String: Any]] ?? []
            #expect(departments.count == APIFixture.catalogue.departments.count)
            let theme = try await client.get("/v1/catalog/themes/marriage", as: nil)
            #expect(theme.json["provider"] as? String == "civil-affairs")
            let stats = try await client.get("/v1/stats", as: fixture.opsKey)
            #expect(stats.status == .ok)
        }
    }

    @Test("broker unreachable: /healthz is 503 naming it, and look-ups stop (grants-stale) rather than risk a revoked grant")
    func brokerAway() async throws {
        let fixture = try await APIFixture(maxGrantStaleness: .seconds(2))
        try await fixture.live { client in
            let key = fixture.keys["housing-construction"]
            // Fresh grants within 2 s: on a loaded machine (CI runs suites in parallel) the
            // follower's first round trips can take longer, so wait until a look-up is served.
            #expect(try await Self.firstServedLookUp(client, key: key))
            fixture.broker.pause()
            defer { fixture.broker.resume() }
            try await Task.sleep(for: .seconds(3))
            let health = try await client.get("/healthz", as: fixture.opsKey)
            #expect(health.status == .serviceUnavailable)
            #expect(health.json["status"] as? String == "degraded")
            #expect((health.json["broker"] as? [String: Any])?["ok"] as? Bool == false)
            #expect((health.json["store"] as? [String: Any])?["ok"] as? Bool == true)
            let read = try await client.get("/v1/persons/\(Self.person)", as: key)
            #expect(read.status == .serviceUnavailable)
            #expect(read.errorCode == "grants-stale")
        }
    }

    @Test("the access audit's loss window: with the broker away, reads are answered only while their records fit the window, then refused; back, every answered read is on audit.access")
    func auditLossWindow() async throws {
        let fixture = try await APIFixture(configure: { $0.accessAuditWindow = 6 })
        let key = fixture.keys["housing-construction"]
        @Sendable func unacknowledged(_ client: any TestClientProtocol) async throws -> Int? {
            let text = try await client.get("/metrics", as: nil).text
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("shuniu_api_access_audit_unacknowledged ") }) else { return nil }
            return Int(line.split(separator: " ").last ?? "")
        }
        try await fixture.live { client in
            #expect(try await Self.firstServedLookUp(client, key: key))
            let deadline = ContinuousClock.now + .seconds(60)
            while try await unacknowledged(client) != 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try await unacknowledged(client) == 0)

            fixture.broker.pause()
            // Each look-up returns 2 slices, hence 2 access records: 3 fit a window of 6.
            var statuses: [Int] = []
            var codes: [String?] = []
            for _ in 0..<5 {
                let read = try await client.get("/v1/persons/\(Self.person)", as: key)
                statuses.append(read.status.code)
                codes.append(read.errorCode)
            }
            #expect(try await unacknowledged(client) == 6)
            fixture.broker.resume()
            #expect(statuses == [200, 200, 200, 503, 503])
            #expect(codes.suffix(2) == ["audit-unavailable", "audit-unavailable"])

            while try await unacknowledged(client) != 0 && ContinuousClock.now < deadline + .seconds(60) {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await unacknowledged(client) == 0)
            #expect(try await client.get("/v1/persons/\(Self.person)", as: key).status == .ok)
        }
        // The first look-up, 3 within the window, the one after the broker came back.
        let reads = try await Broker.readAll(Topics.access, client: fixture.broker.client)
            .compactMap { try? Row.parse(bytes: $0.value) }
            .filter { $0["decision"]?.stringValue == "read" }
        #expect(reads.count == 2 * (1 + 3 + 1), "every answered read's records reached the broker, the refused ones wrote none")
    }

    @Test("the OpenAPI document lists exactly the app's routes, and /openapi.json serves it")
    func openAPI() async throws {
        let fixture = try await APIFixture()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(documented == Set(fixture.service.routes))
        #expect(!documented.isEmpty)
        try await fixture.live { client in
            let served = try await client.get("/openapi.json", as: nil)
            #expect(Array(served.body.readableBytesView) == OpenAPIDocument.bytes)
        }
    }

    /// Whether a look-up is served, retried for up to 60 s: on a loaded machine (CI
    /// runs suites in parallel) the grant follower's first round trips can take a while.
    static func firstServedLookUp(_ client: any TestClientProtocol, key: String?) async throws -> Bool {
        var first = try await client.get("/v1/persons/\(person)", as: key).status
        let deadline = ContinuousClock.now + .seconds(60)
        while first != .ok && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            first = try await client.get("/v1/persons/\(person)", as: key).status
        }
        return first == .ok
    }

    /// The `"fields":{...}` members of a look-up answer, as text, in order (flat rows: no nested braces).
    static func fieldsMembers(of body: String) -> [String] {
        var found: [String] = []
        var rest = Substring(body)
        while let start = rest.range(of: #""fields":{"#) {
            let object = rest[rest.index(before: start.upperBound)...]
            guard let end = object.firstIndex(of: "}") else { break }
            found.append(String(object[...end]))
            rest = object[object.index(after: end)...]
        }
        return found
    }
}
