import Foundation
import ShuniuModel
@testable import ShuniuRouter

/// The repository's real catalogue, and helpers to make events and grants against it.
enum Fixtures {
    static let catalogue: Catalogue = {
        let topics = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topics")
        return try! CatalogueLoader.load(directory: topics.standardizedFileURL)
    }()

    static let secret = try! HubSecret(bytes: Array("router-test-secret-router-test-secret".utf8))

    static func person(_ n: Int) -> String {
        CitizenID.make(region: "440113", year: 1980 + n % 30, month: 1 + n % 12, day: 1 + n % 28, sequence: 100 + n % 800).value
    }

    static func householdRow(_ id: String, district: String, name: String = "张伟") -> Row {
        ["citizen_id": .string(id), "name": .string(name), "sex": "male", "birth_date": "1980-02-02",
         "address": "番禺区市桥街1号", "district": .string(district), "household_id": "H-1", "registration_status": "active"]
    }

    /// A record as it would sit on src.<theme>: key, CloudEvents headers, value.
    static func record(theme: String = "household-registration", source: String = "public-security", subject: String,
                       row: Row?, sequence: Int64 = 1, time: String = "2025-06-01T08:00:00Z",
                       id: String? = nil) -> (key: [UInt8], headers: [EnvelopeHeader], value: [UInt8]) {
        let eventID = id ?? "\(theme)/\(subject)/\(sequence)"
        let event = row.map { ChangeEvent.upsert(id: eventID, source: source, theme: theme, subject: subject, time: time, sequence: sequence, row: $0) }
            ?? ChangeEvent.delete(id: eventID, source: source, theme: theme, subject: subject, time: time, sequence: sequence)
        return ChangeEventCodec.encode(event)
    }

    /// A table holding the grants made by `applications` (approved at once when unconditional).
    static func table(_ applications: [(id: String, application: GrantApplication)]) throws -> GrantTable {
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (id, application) in applications {
            for event in try workflow.apply(application, id: id, at: "2025-01-02T09:00:00Z", table: table) {
                #expect(table.apply(event, catalogue: catalogue) == nil)
            }
        }
        return table
    }

    static func source(_ theme: String = "household-registration", offset: Int64 = 0) -> SourcePosition {
        SourcePosition(topic: "src.\(theme)", partition: 0, offset: offset)
    }
}

import Testing
