import Foundation
import ShuniuAPI
import Testing

@Suite("API privacy: key file mode, keyless rate limit")
struct PrivacyLimitTests {
    @Test("the key file and its WAL are mode 0600")
    func keyFileIsOwnerOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-mode-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try APIKeyStore(path: path)
        _ = try store.issue(department: "tax", label: nil, at: "2026-01-01T00:00:00Z")
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
    }

    @Test("a token bucket per address: the burst, then one per interval, with the wait to retry")
    func tokenBucket() {
        let limiter = ClientRateLimiter(limit: .init(burst: 3, perSecond: 0.5))
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(limiter.take("10.0.0.1", now: start) == .allowed) }
        #expect(limiter.take("10.0.0.1", now: start) == .limited(retryAfter: 2))
        #expect(limiter.take("10.0.0.2", now: start) == .allowed, "another address has its own bucket")
        #expect(limiter.take("10.0.0.1", now: start + .seconds(1)) == .limited(retryAfter: 1))
        #expect(limiter.take("10.0.0.1", now: start + .seconds(2)) == .allowed, "one token back after 2 s")
        #expect(limiter.take("10.0.0.1", now: start + .seconds(2)) == .limited(retryAfter: 2))
        #expect(limiter.take("10.0.0.1", now: start + .seconds(60)) == .allowed)
        for _ in 0..<2 { #expect(limiter.take("10.0.0.1", now: start + .seconds(60)) == .allowed) }
        #expect(limiter.take("10.0.0.1", now: start + .seconds(60)) != .allowed, "refill stops at the burst")
    }

    @Test("the table of addresses stays bounded")
    func boundedTable() {
        let limiter = ClientRateLimiter(limit: .init(burst: 1, perSecond: 1), maxClients: 4)
        let start = ContinuousClock.now
        for index in 0..<100 { #expect(limiter.take("10.0.0.\(index)", now: start) == .allowed) }
        #expect(limiter.take("10.0.0.99", now: start) != .allowed, "the newest bucket is kept")
    }
}
