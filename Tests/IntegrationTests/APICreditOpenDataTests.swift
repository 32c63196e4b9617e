import Foundation
import HummingbirdTesting
import ShuniuCity
import ShuniuCredit
import ShuniuKafka
import ShuniuModel
import ShuniuOpenData
import ShuniuStreams
import Testing

@Suite("API: credit views and open-data downloads over a real socket", .serialized)
struct APICreditOpenDataTests {
    /// A credit library filled from a generated city's credit themes, through the projection.
    static func creditLibrary(at path: String) throws -> (CreditReader, SQLiteCreditStore) {
        let catalogue = APIFixture.catalogue
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("city")
        let city = CityGenerator(parameters: CityParameters(persons: 400, entities: 80, seed: 5)).build()
        let report = try CityWriter(catalogue: catalogue, directory: directory, workers: 2).write(city)
        let store = try SQLiteCreditStore(path: path, catalogue: catalogue)
        // No objection steps here: the registry is never read.
        let identities = try IdentityDirectory(client: KafkaClientConfig(bootstrapServers: "127.0.0.1:1", clientID: "shuniu-it"), hub: SigningKey.hub(APIFixture.secret).verifyingKey)
        let target = CreditTarget(catalogue: catalogue, store: store, identities: identities)
        let themes: Set = ["administrative-licences", "administrative-penalties", "enterprise-registration"]
        let events = try report.events(in: directory, catalogue: catalogue) { themes.contains($0.id) }
        let messages = events.enumerated().map { offset, event in
            let record = ProducerRecord(event: event)
            return ConsumerMessage(topic: record.topic, partition: 0, offset: Int64(offset), key: record.key,
                                   value: record.value ?? [], headers: record.headers, timestamp: 0)
        }
        let (batch, progress) = target.batch(messages)
        _ = try target.apply(batch, progress: progress)
        return (CreditReader(lookup: try SQLiteCreditReader(path: path), catalogue: catalogue), store)
    }

    @Test func creditIsPublicWithoutAKeyAndAuditedWithOne() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-api-credit-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (reader, store) = try Self.creditLibrary(at: folder.appendingPathComponent("credit.sqlite").path)
        let day = try #require(CalendarDate(iso: ISO8601DateFormatter().string(from: Date()).prefix(10)))
        let subjects = try store.subjects()
        let subject = try #require(subjects.first { (try? reader.publicView($0, on: day).entries.isEmpty) == false })
        let expected = CreditViewJSON.encode(try reader.publicView(subject, on: day))
        let fixture = try await APIFixture(credit: reader)
        let key = try #require(fixture.keys["housing-construction"])
        try await fixture.live { client in
            let anonymous = try await client.get("/v1/credit/\(subject)", as: nil)
            #expect(anonymous.status == .ok)
            #expect(Array(anonymous.body.readableBytesView) == expected)
            let authorised = try await client.get("/v1/credit/\(subject)", as: key)
            #expect(authorised.status == .ok)
            let bad = try await client.get("/v1/credit/91440101MA5C3K7Q0X", as: nil)
            #expect(bad.status == .badRequest && bad.errorCode == "bad-identifier")
            let objections = try await client.get("/v1/credit/objections?overdue=true", as: nil)
            #expect(objections.status == .unauthorized)
            let listed = try await client.get("/v1/credit/objections", as: key)
            #expect(listed.status == .ok && listed.text == "[]")
        }
        // The authorised read is on audit.access; the anonymous public read is not (nothing non-public left).
        let records = try await Broker.readAll("audit.access", client: fixture.broker.client)
        let credit = records.compactMap { try? Row.parse(bytes: $0.value) }.filter { $0["theme"]?.stringValue == "credit" }
        #expect(credit.count == 1)
        #expect(credit.first?["department"]?.stringValue == "housing-construction")
        #expect(credit.first?["subject"]?.stringValue == subject)
    }

    @Test func keylessLookupsAreRateLimitedPerAddressAndKeyedOnesAreNot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-api-limit-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (reader, store) = try Self.creditLibrary(at: folder.appendingPathComponent("credit.sqlite").path)
        let subject = try #require(try store.subjects().first)
        let fixture = try await APIFixture(credit: reader, publicCreditLimit: .init(burst: 3, perSecond: 0.01))
        let key = try #require(fixture.keys["tax"])
        try await fixture.live { client in
            for _ in 0..<3 { #expect(try await client.get("/v1/credit/\(subject)", as: nil).status == .ok) }
            let limited = try await client.get("/v1/credit/\(subject)", as: nil)
            #expect(limited.status == .tooManyRequests && limited.errorCode == "rate-limited")
            #expect(limited.headers[.retryAfter].flatMap { Int($0) }.map { $0 >= 1 && $0 <= 100 } == true, "\(limited.headers)")
            #expect(try await client.get("/v1/credit/\(subject)", as: key).status == .ok, "a key is not limited")
            #expect(try await client.get("/v1/credit/objections", as: key).status == .ok)
        }
    }

    @Test func openDatasetsAndTheirImmutableVersionsDownload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-api-open-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshots = SnapshotStore(root: folder)
        let v1: [(name: String, bytes: [UInt8])] = [("data.csv", Array("district,count\npanyu,12\n".utf8)),
                                                    ("data.json", Array("[]".utf8)), ("metadata.json", Array("{}".utf8))]
        _ = try snapshots.write("residents-by-district", version: 1, files: v1)
        _ = try snapshots.write("residents-by-district", version: 2, files: [("data.csv", Array("district,count\npanyu,13\n".utf8)),
                                                                              ("data.json", Array("[]".utf8)), ("metadata.json", Array("{}".utf8))])
        let fixture = try await APIFixture(openData: snapshots)
        try await fixture.live { client in
            let list = try await client.get("/v1/open/datasets", as: nil)
            #expect(list.status == .ok)
            #expect(list.text.contains("\"id\":\"residents-by-district\"") && list.text.contains("\"latest\":2"))
            let old = try await client.get("/v1/open/datasets/residents-by-district/versions/1/data.csv", as: nil)
            #expect(old.status == .ok && old.text == "district,count\npanyu,12\n")
            #expect(old.headers[.contentType]?.hasPrefix("text/csv") == true)
            let new = try await client.get("/v1/open/datasets/residents-by-district/versions/v2/data.csv", as: nil)
            #expect(new.text.hasSuffix("13\n"))
            #expect(try await client.get("/v1/open/datasets/nothing", as: nil).status == .notFound)
            #expect(try await client.get("/v1/open/datasets/residents-by-district/versions/3/data.csv", as: nil).status == .notFound)
            #expect(try await client.get("/v1/open/datasets/residents-by-district/versions/1/secret.txt", as: nil).status == .notFound)
        }
    }
}
