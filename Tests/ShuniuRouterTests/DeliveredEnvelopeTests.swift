import ShuniuModel
import Testing
@testable import ShuniuRouter

/// The delivered envelope (docs/router.md): every byte of a delivery is under the grant.
@Suite struct DeliveredEnvelopeTests {
    let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)

    func assistance(masks: [String: String], scope: [String: [String]] = [:]) -> GrantApplication {
        GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                         basis: "社会救助暂行办法", fields: ["name", "district"], masks: masks, scope: scope)
    }

    func decide(_ table: GrantTable, subject: String, district: String = "panyu", sequence: Int64 = 1,
                extensions: [EnvelopeHeader] = [], router: Router? = nil, scope: inout ScopeMemory) -> RoutingDecision? {
        var record = Fixtures.record(subject: subject, row: Fixtures.householdRow(subject, district: district), sequence: sequence)
        record.headers += extensions
        return (router ?? self.router).decide(key: record.key, headers: record.headers, value: record.value,
                                              source: Fixtures.source(), grants: table, scope: &scope).decisions.first
    }

    func header(_ decision: RoutingDecision, _ name: String) -> String? {
        decision.headers.first { $0.name == name }?.text
    }

    @Test func aMaskedSubjectFieldMakesKeyAndSubjectAPerDepartmentPseudonym() throws {
        let id = Fixtures.person(11)
        var scope = ScopeMemory()
        let masked = try #require(decide(try Fixtures.table([("g-a", assistance(masks: ["citizen_id": "partial"]))]), subject: id, scope: &scope))
        #expect(masked.key == router.keys.pseudonym(id, for: "civil-affairs"))
        #expect(header(masked, "ce_subject") == masked.key)
        #expect(!masked.key.contains(id) && !(header(masked, "ce_id") ?? id).contains(id))
        let pseudonymised = try #require(decide(try Fixtures.table([("g-p", assistance(masks: ["citizen_id": "pseudonym"]))]), subject: id, scope: &scope))
        #expect(pseudonymised.key == masked.key, "a department's key pseudonym is its pseudonym mask of the subject")
        #expect(try Row.parse(bytes: pseudonymised.value)["citizen_id"]?.stringValue == masked.key)
        let clear = try #require(decide(try Fixtures.table([("g-c", assistance(masks: [:]))]), subject: id, scope: &scope))
        #expect(clear.key == id && header(clear, "ce_subject") == id)
    }

    @Test func deliveredIDsAreStableUniquePerGrantAndEmbedNothing() throws {
        let id = Fixtures.person(12)
        // Both mask the subject: one department cannot hold it masked and clear (`recoverable-mask`).
        let table = try Fixtures.table([("g-a", assistance(masks: ["citizen_id": "partial"])), ("g-b", assistance(masks: ["citizen_id": "pseudonym"]))])
        var record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"))
        var scope = ScopeMemory()
        let first = router.decide(key: record.key, headers: record.headers, value: record.value, source: Fixtures.source(), grants: table, scope: &scope)
        let again = router.decide(key: record.key, headers: record.headers, value: record.value, source: Fixtures.source(), grants: table, scope: &scope)
        #expect(first.decisions.map(\.deliveryID) == again.decisions.map(\.deliveryID))
        #expect(Set(first.decisions.map(\.deliveryID)).count == 2)
        for decision in first.decisions {
            #expect(decision.deliveryID.hasPrefix("d-") && decision.deliveryID.count == 34)
            #expect(!decision.deliveryID.contains(id.suffix(6)))
        }
        record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"), sequence: 2)
        let next = router.decide(key: record.key, headers: record.headers, value: record.value, source: Fixtures.source(), grants: table, scope: &scope)
        #expect(Set(next.decisions.map(\.deliveryID)).isDisjoint(with: first.decisions.map(\.deliveryID)))
    }

    @Test func onlyExtensionHeadersTheCatalogueListsPass() throws {
        var themes = Fixtures.catalogue.themes
        let index = try #require(themes.firstIndex { $0.id == "household-registration" })
        themes[index].headers = ["x-correlation"]
        let catalogue = Catalogue(districts: Fixtures.catalogue.districts, departments: Fixtures.catalogue.departments,
                                  themes: themes, arbitration: Fixtures.catalogue.arbitration)
        let listing = Router(catalogue: catalogue, secret: Fixtures.secret)
        let table = try Fixtures.table([("g-c", assistance(masks: [:]))])
        var scope = ScopeMemory()
        let id = Fixtures.person(13)
        let decision = try #require(decide(table, subject: id, extensions: [
            EnvelopeHeader(name: "x-correlation", text: "corr-1"), EnvelopeHeader(name: "x-operator", text: "clerk 王五")],
            router: listing, scope: &scope))
        #expect(header(decision, "x-correlation") == "corr-1")
        #expect(header(decision, "x-operator") == nil)
        let strict = try #require(decide(table, subject: id, extensions: [EnvelopeHeader(name: "x-correlation", text: "corr-1")], scope: &scope))
        #expect(header(strict, "x-correlation") == nil, "the repository's catalogue lists no extension header")
        #expect(strict.headers.map(\.name) == ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time",
                                                "ce_sequence", "content-type", "shuniu_grant", "shuniu_basis", "shuniu_source"])
    }

    @Test func aLeftScopeDeleteIsMarkedAndHasItsOwnID() throws {
        let table = try Fixtures.table([("g-s", assistance(masks: [:], scope: ["district": ["panyu"]]))])
        var scope = ScopeMemory()
        let id = Fixtures.person(14)
        let inside = try #require(decide(table, subject: id, district: "panyu", scope: &scope))
        #expect(inside.held == true && header(inside, "shuniu_reason") == nil)
        let moved = try #require(decide(table, subject: id, district: "tianhe", sequence: 2, scope: &scope))
        #expect(moved.action == .deleted && moved.held == false)
        #expect(header(moved, "shuniu_reason") == "left-scope")
        #expect(header(moved, "ce_type") == "household-registration.deleted" && header(moved, "content-type") == nil)
        #expect(moved.deliveryID == DeliveredEnvelope.id(event: "household-registration/\(id)/2",
                                                          grant: try #require(table.grant("g-s")), leftScope: true, keys: router.keys))
        #expect(moved.deliveryID != DeliveredEnvelope.id(event: "household-registration/\(id)/2",
                                                          grant: try #require(table.grant("g-s")), leftScope: false, keys: router.keys))
    }

    @Test func theEnvelopeDigestCoversKeyHeadersAndValue() throws {
        let table = try Fixtures.table([("g-c", assistance(masks: [:]))])
        var scope = ScopeMemory()
        let decision = try #require(decide(table, subject: Fixtures.person(15), scope: &scope))
        let digest = try #require(decision.envelopeDigest)
        var changed = decision
        changed.key += "x"
        #expect(changed.envelopeDigest != digest)
        changed = decision
        changed.headers[0].value.append(0x20)
        #expect(changed.envelopeDigest != digest)
        changed = decision
        changed.value.append(0x20)
        #expect(changed.envelopeDigest != digest)
        // The format audit records already on topics were written with: each part
        // length-prefixed (4 bytes, big-endian), the header count as a one-byte part.
        var bytes: [UInt8] = []
        func part(_ data: [UInt8]) {
            let count = UInt32(data.count)
            bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)] + data
        }
        part(Array(decision.key.utf8))
        part([UInt8(decision.headers.count)])
        for header in decision.headers {
            part(Array(header.name.utf8))
            part(header.value)
        }
        part(decision.value)
        #expect(digest == SHA256Digest.hex(SHA256Digest.hash(bytes)))
    }

    /// A provider that sets the hub's own headers itself (a forged grant, a fake left-scope
    /// reason, a second ce_subject) gets none of them through: the envelope is built anew.
    @Test func aProviderCannotForgeTheHubsHeaders() throws {
        let table = try Fixtures.table([("g-a", assistance(masks: ["citizen_id": "partial"]))])
        var scope = ScopeMemory()
        let id = Fixtures.person(16)
        let decision = try #require(decide(table, subject: id, extensions: [
            EnvelopeHeader(name: "shuniu_grant", text: "g-forged"), EnvelopeHeader(name: "shuniu_reason", text: "left-scope"),
            EnvelopeHeader(name: "shuniu_source", text: "src.tax/0/0"), EnvelopeHeader(name: "x-ce_subject", text: id)],
            scope: &scope))
        #expect(decision.headers.filter { $0.name == "shuniu_grant" }.map(\.text) == ["g-a"])
        #expect(header(decision, "shuniu_reason") == nil)
        #expect(decision.headers.filter { $0.name == "shuniu_source" }.map(\.text) == [Fixtures.source().description])
        #expect(!decision.headers.contains { $0.text?.contains(id) == true })
    }
}
