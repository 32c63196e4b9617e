import Foundation
import ShuniuAPI
import ShuniuModel
import Testing

@Suite("consent ledger: each consent code is spent once, also across a restart and under concurrent reads")
struct ConsentLedgerTests {
    static let hub = ControlSigner.hub(try! HubSecret(bytes: Array("consent-ledger-test-secret-consent".utf8)))

    private func code(_ holder: String = "440105198001010010") -> ConsentCode {
        ConsentCode(holder: holder, department: "civil-affairs", matter: "低保申请", now: Date(), lifetime: .seconds(600)).signed(by: Self.hub)
    }

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-consents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aCodeIsSpentOnceAndStaysSpentAfterAReopen() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state/consents.sqlite").path
        let first = code(), second = code()
        do {
            let ledger = try ConsentLedger(path: path)
            #expect(try ledger.use(first, now: "2026-12-04T10:00:00.000Z"))
            #expect(try !ledger.use(first, now: "2026-12-04T10:00:01.000Z"))
            #expect(try ledger.use(second, now: "2026-12-04T10:00:02.000Z"))
        }
        let reopened = try ConsentLedger(path: path)
        #expect(try !reopened.use(first, now: "2026-12-04T10:05:00.000Z"))
        #expect(try !reopened.use(second, now: "2026-12-04T10:05:00.000Z"))
        #expect(try reopened.count() == 2)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func ofConcurrentReadsWithOneCodeExactlyOneSpendsIt() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try ConsentLedger(path: folder.appendingPathComponent("consents.sqlite").path)
        let shared = code()
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { try ledger.use(shared, now: "2026-12-04T10:00:00.000Z") } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
    }

    @Test func marksOfLongExpiredCodesArePruned() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try ConsentLedger(path: folder.appendingPathComponent("consents.sqlite").path)
        let old = code()
        #expect(try ledger.use(old, now: old.issuedAt))
        // Two hours after its expiry, spending another code prunes the old mark (the old code
        // is refused by its own date from then on).
        let later = Date().addingTimeInterval(600 + 7_200)
        let formatter = ISO8601DateFormatter()
        #expect(try ledger.use(code(), now: formatter.string(from: later)))
        #expect(try ledger.count() == 1)
    }
}
