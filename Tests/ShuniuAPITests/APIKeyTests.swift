import ShuniuAPI
import Testing
import Foundation

@Suite("API keys")
struct APIKeyTests {
    @Test("a key matches only its own stored hash; the text form is strict")
    func matching() throws {
        let key = APIKey.generate()
        #expect(key.text.hasPrefix("shk_") && key.text.count == 4 + 12 + 1 + 64)
        #expect(APIKey(text: key.text) == key)
        let salt = APIKey.salt()
        let stored = StoredKey(id: key.id, department: "tax", salt: salt, hash: key.hash(salt: salt), issued: "t")
        #expect(stored.matches(key))
        let other = APIKey.generate()
        #expect(!stored.matches(other))
        let sameIDWrongSecret = try #require(APIKey(text: "shk_\(key.id)_\(String(repeating: "0", count: 64))"))
        #expect(!stored.matches(sameIDWrongSecret))
        #expect(key.hash(salt: salt) != key.hash(salt: APIKey.salt()))
        for bad in ["", "shk_", "Bearer x", "shk_\(key.id)_\(key.secret.uppercased())", "shk_\(key.id)_\(key.secret)0", "xyz_\(key.id)_\(key.secret)"] {
            #expect(APIKey(text: bad) == nil, "\(bad)")
        }
    }

    @Test("the key file holds hashes, revocation is per key or per department")
    func store() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try APIKeyStore(path: path)
        let first = try store.issue(department: "tax", label: "desk 1", at: "2026-01-01T00:00:00Z")
        let second = try store.issue(department: "tax", label: nil, at: "2026-01-01T00:00:01Z")
        let other = try store.issue(department: "civil-affairs", label: nil, at: "2026-01-01T00:00:02Z")
        #expect(try store.keys(department: "tax").map(\.id) == [first.id, second.id])
        #expect(try store.revoke(id: first.id, at: "2026-01-02T00:00:00Z"))
        #expect(try !store.revoke(id: first.id, at: "2026-01-03T00:00:00Z"))
        #expect(throws: APIKeyError.self) { try store.revoke(id: "000000000000", at: "x") }
        #expect(try store.revokeAll(department: "tax", at: "2026-01-04T00:00:00Z") == [second.id])
        let valid = try store.keys(department: nil).filter { $0.revoked == nil }
        #expect(valid.map(\.id) == [other.id])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for key in [first, second, other] { #expect(bytes.range(of: Data(key.secret.utf8)) == nil) }
    }
}
