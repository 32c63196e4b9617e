import Foundation
import ShuniuModel
import Testing

@Suite struct HubSecretTests {
    @Test func thereIsNoDefaultAndTheErrorSaysHowToMakeOne() {
        #expect(throws: HubSecret.Missing.self) { try HubSecret.fromEnvironment([:]) }
        #expect(throws: HubSecret.Missing.self) { try HubSecret.fromEnvironment(["SHUNIU_SECRET": "", "SHUNIU_SECRET_FILE": ""]) }
        do {
            _ = try HubSecret.fromEnvironment([:])
        } catch {
            #expect(error.description.contains("openssl rand -hex 32"))
            #expect(error.description.contains("SHUNIU_SECRET_FILE"))
        }
        #expect(HubSecret.exitCode == 78)
    }

    @Test func aSecretShorterThan32BytesIsRefused() throws {
        #expect(throws: HubSecret.Missing.self) { try HubSecret.fromEnvironment(["SHUNIU_SECRET": String(repeating: "k", count: 31)]) }
        let secret = try HubSecret.fromEnvironment(["SHUNIU_SECRET": String(repeating: "k", count: 32)])
        #expect(secret.bytes.count == 32)
        #expect(!secret.description.contains("kkkk"), "the secret never prints")
    }

    @Test func aSecretFileIsReadAndTheDemosFileIsCreatedPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-secret-\(UUID().uuidString)/state")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("secret").path
        let created = try HubSecret.loadOrCreate(path: path)
        #expect(created.bytes.count == 64)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try HubSecret.loadOrCreate(path: path) == created, "created once, then read")
        #expect(try HubSecret.fromEnvironment(["SHUNIU_SECRET_FILE": path]) == created)
        #expect(throws: HubSecret.Missing.self) { try HubSecret.read(path: path + ".absent") }
    }

    @Test func pseudonymsAreStableWithinADepartmentAndDifferBetweenDepartments() throws {
        let secret = try HubSecret(bytes: Array(repeating: 7, count: 32))
        let keys = PseudonymKeys(secret: secret, departments: ["civil-affairs"])
        let again = PseudonymKeys(secret: secret, departments: [])
        let id = "440113198503141245"
        #expect(keys.pseudonym(id, for: "civil-affairs") == again.pseudonym(id, for: "civil-affairs"))
        #expect(keys.pseudonym(id, for: "civil-affairs") != keys.pseudonym(id, for: "tax"))
        #expect(keys.pseudonym(id, for: "civil-affairs").count == 64)
        let other = PseudonymKeys(secret: try HubSecret(bytes: Array(repeating: 8, count: 32)), departments: [])
        #expect(other.pseudonym(id, for: "civil-affairs") != keys.pseudonym(id, for: "civil-affairs"))
    }
}
