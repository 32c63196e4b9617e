import Logging
import ServiceLifecycle
import Synchronization

/// The valid API keys, in memory, for the request path: reloaded from the key file every
/// `refresh` (1 s by default), so a key issued or revoked by `shuniu keys` takes effect
/// within that time without a restart.
public final class KeyRing: Service, Sendable {
    private let path: String
    private let refresh: Duration
    private let logger: Logger
    private let keys = Mutex<[String: StoredKey]>([:])

    /// Loads the valid keys of the file at `path` (created if missing).
    public init(path: String, refresh: Duration = .seconds(1), logger: Logger) throws(APIKeyError) {
        self.path = path
        self.refresh = refresh
        self.logger = logger
        try reload()
    }

    /// The department a bearer token authenticates, or nil (no such key, revoked, or wrong secret).
    public func department(bearer token: Substring) -> String? {
        guard let key = APIKey(text: String(token)), let stored = keys.withLock({ $0[key.id] }),
              stored.matches(key) else { return nil }
        return stored.department
    }

    /// Reads the file again.
    public func reload() throws(APIKeyError) {
        let store = try APIKeyStore(path: path)
        let valid = try store.keys(department: nil).filter { $0.revoked == nil }
        keys.withLock { $0 = Dictionary(valid.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) }
    }

    /// Reloads every `refresh` until shutdown; a failed reload keeps the last keys and is logged.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: refresh)
            do { try reload() } catch { logger.warning("API keys not reloaded: \(error)") }
        }
    }
}
