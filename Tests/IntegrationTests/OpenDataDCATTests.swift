import Foundation
import HTTPTypes
import ShuniuModel
import ShuniuOpenData
import Testing

/// The open-data catalogue as DCAT-AP 3.0, checked by an independent validator: versions
/// published by the real publisher, the catalogue fetched from the API in both forms
/// (`/v1/open/catalog.ttl`, `/v1/open/catalog.jsonld`), then pyshacl with the DCAT-AP 3.0.0
/// SHACL shapes (Standards/): no violation, and the two forms hold the same graph. A copy with
/// the datasets' titles removed must fail, so the check can fail.
@Suite(.serialized) struct OpenDataDCATTests {
    static let standards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Standards")

    /// Publishes two versions of a count table and one of a second dataset.
    static func publish(into folder: URL) throws {
        let catalogue = APIFixture.catalogue
        let theme = try #require(catalogue.theme("household-registration"))
        let datasets = [
            OpenDataset(id: "residents-by-district-sex", title: LocalizedName(zh: "各区户籍人口（按性别）", en: "Residents by district and sex"),
                        description: "Registered residents by district and sex.", domain: "population", theme: theme.id,
                        content: .counts(rows: [.field("district")], column: .field("sex")), only: ["registration_status": ["active"]]),
            OpenDataset(id: "residents-by-district-birth-year", title: LocalizedName(zh: "各区户籍人口（按出生年份）", en: "Residents by district and birth year"),
                        description: "Registered residents by district and year of birth, \"active\" registrations only.", domain: "population",
                        theme: theme.id, content: .counts(rows: [.field("district")], column: .year("birth_date")),
                        only: ["registration_status": ["active"]]),
        ]
        let publisher = OpenDataPublisher(catalogue: catalogue, datasets: datasets, negativeList: NegativeList(),
                                          policy: DisclosurePolicy(), store: SnapshotStore(root: folder))
        var state = ThemeState(theme: theme.id)
        var index = 0
        func add(_ district: String, _ sex: String, _ count: Int, day: Int) {
            for _ in 0..<count {
                let id = CitizenID.make(region: "440106", year: 1980, month: 1, day: 1, sequence: index).value
                index += 1
                let row: Row = ["citizen_id": .string(id), "district": .string(district), "sex": .string(sex), "birth_date": "1980-01-01",
                                "registration_status": "active"]
                state.apply(ValidatedEvent(event: .upsert(id: id, source: "public-security", theme: theme.id, subject: id,
                                                          time: "2026-06-0\(day)T02:00:00Z", sequence: 1, row: row), row: row))
            }
        }
        add("yuexiu", "male", 25, day: 1)
        add("yuexiu", "female", 26, day: 2)
        add("tianhe", "male", 27, day: 3)
        add("tianhe", "female", 28, day: 4)
        for dataset in datasets {
            _ = try publisher.publish(dataset, theme: theme, snapshot: ThemeSnapshot(state: state, positions: [
                SourcePosition(topic: "src.household-registration", partition: 0, endOffset: Int64(index))]))
        }
        add("yuexiu", "male", 9, day: 5)
        add("tianhe", "female", 8, day: 6)
        _ = try publisher.publish(datasets[0], theme: theme, snapshot: ThemeSnapshot(state: state, positions: [
            SourcePosition(topic: "src.household-registration", partition: 0, endOffset: Int64(index))]))
        #expect(SnapshotStore(root: folder).versionNumbers("residents-by-district-sex") == [1, 2])
    }

    /// Runs the pyshacl check; its output lines.
    static func check(turtle: URL, jsonLD: URL, log: URL) throws -> [String] {
        let pid = try ChildProcess.spawn(["/usr/bin/env", "python3", standards.appendingPathComponent("shacl_check.py").path,
                                          standards.appendingPathComponent("dcat-ap-3.0.0-SHACL.ttl").path, turtle.path, jsonLD.path],
                                         output: log.path)
        let status = ChildProcess.wait(pid)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "pyshacl failed to run (ops/install.sh installs it):\n\(output.suffix(3000))")
        return output.split(separator: "\n").map(String.init)
    }

    @Test func theCatalogueIsDCATAP3InBothFormsWithNoViolation() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-dcat-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.publish(into: folder.appendingPathComponent("open"))
        let fixture = try await APIFixture(openData: SnapshotStore(root: folder.appendingPathComponent("open")))
        let (turtle, jsonLD, negotiated) = try await fixture.live { client in
            let turtle = try await client.get("/v1/open/catalog.ttl", as: nil)
            let jsonLD = try await client.get("/v1/open/catalog.jsonld", as: nil)
            #expect(turtle.status == .ok && turtle.headers[.contentType]?.hasPrefix("text/turtle") == true)
            #expect(jsonLD.status == .ok && jsonLD.headers[.contentType]?.hasPrefix("application/ld+json") == true)
            #expect(turtle.headers[.cacheControl] == "no-store", "IRIs from the request's Host are not for shared caches")
            let negotiated = try await client.get("/v1/open/catalog", as: nil, headers: [.accept: "text/turtle"])
            return (turtle.text, jsonLD.text, negotiated.text)
        }
        #expect(negotiated == turtle, "the catalogue's IRI answers Turtle when asked")
        #expect(turtle.contains("dcat:Catalog") && turtle.contains("/v1/open/datasets/residents-by-district-sex/versions/2/data.csv"))
        #expect(!turtle.contains("residents-by-district-sex/versions/1/"), "the catalogue lists each dataset's latest version")
        let ttl = folder.appendingPathComponent("catalog.ttl"), json = folder.appendingPathComponent("catalog.jsonld")
        try Data(turtle.utf8).write(to: ttl)
        try Data(jsonLD.utf8).write(to: json)
        let lines = try Self.check(turtle: ttl, jsonLD: json, log: folder.appendingPathComponent("shacl.log"))
        let report = lines.joined(separator: "\n")
        #expect(lines.first { $0.hasPrefix(ttl.path) }?.contains("conforms=True violations=0") == true, "\(report.prefix(6000))")
        #expect(lines.first { $0.hasPrefix(json.path) }?.contains("conforms=True violations=0") == true, "\(report.prefix(6000))")
        #expect(lines.contains("isomorphic=True"), "the Turtle and the JSON-LD differ:\n\(report.prefix(3000))")
        let triples = lines.first { $0.hasPrefix(ttl.path) }.flatMap { $0.split(separator: "=").last }.flatMap { Int($0) } ?? 0
        #expect(triples > 80, "\(triples) triples")

        // The control: the shapes require a dataset's title; without them the catalogue fails.
        let untitled = turtle.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.contains("dct:title") && $0.contains("户籍人口")) && !($0.contains("dct:title") && $0.contains("Residents")) }
            .joined(separator: "\n")
        #expect(untitled != turtle)
        let broken = folder.appendingPathComponent("untitled.ttl")
        try Data(untitled.utf8).write(to: broken)
        let control = try Self.check(turtle: broken, jsonLD: json, log: folder.appendingPathComponent("control.log"))
        #expect(control.first { $0.hasPrefix(broken.path) }?.contains("conforms=False") == true, "\(control.joined(separator: "\n").prefix(3000))")
    }

    @Test func aConfiguredPublicURLIsTheIRIsBaseAndMakesTheCatalogueCacheable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-dcat-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.publish(into: folder)
        let fixture = try await APIFixture(openData: SnapshotStore(root: folder)) { $0.publicURL = "https://data.example.gov.cn" }
        let (text, cache) = try await fixture.live { client in
            let response = try await client.get("/v1/open/catalog.ttl", as: nil)
            return (response.text, response.headers[.cacheControl])
        }
        #expect(text.contains("<https://data.example.gov.cn/v1/open/catalog> a dcat:Catalog"))
        #expect(!text.contains("localhost") && !text.contains("127.0.0.1"))
        #expect(cache == "public, max-age=60")
    }
}
