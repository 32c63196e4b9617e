import Logging
import ServiceLifecycle
import Synchronization

/// Who a valid key authenticates.
public enum APICaller: Sendable, Hashable {
    /// A department's key, and its id (named in the steps the hub signs for the department).
    case department(String, keyID: String)
    /// An ops key, by its id.
    case ops(keyID: String)
    /// A citizen token (`shuniu keys issue --citizen ID`): signs in to the portal's data use
    /// record of that citizen only; the API refuses it.
    case citizen(String, keyID: String)
}

/// The valid API keys, in memory, for the request path: reloaded from the key file every
/// `refresh` (1 s by default), so a key issued or revoked by `shuniu keys` takes effect
/// within that time without a restart.
public final class KeyRing: Service, Sendable {
    private let path: String
    private let refresh: Duration
    private let logger: Logger
    private let keys = Mutex<[String: StoredKey]>([:])
    /// Bearer tokens already verified, with their department: the hash is computed once per
    /// key, not per request. Emptied whenever a reload changes the keys (so a revoked key's
    /// token goes with it) and bounded (only tokens that verified are kept, at most 10 000).
    private let verified = Mutex<[String: APICaller]>([:])

    /// Loads the valid keys of the file at `path` (created if missing).
    public init(path: String, refresh: Duration = .seconds(1), logger: Logger) throws(APIKeyError) {
        self.path = path
        self.refresh = refresh
        self.logger = logger
        try reload()
    }

    /// The department a bearer token authenticates, or nil (no such key, revoked, wrong
    /// secret, or an ops key).
    public func department(bearer token: Substring) -> String? {
        guard case .department(let department, _) = caller(bearer: token) else { return nil }
        return department
    }

    /// Who a bearer token authenticates, or nil (no such key, revoked, or wrong secret).
    public func caller(bearer token: Substring) -> APICaller? {
        let token = String(token)
        if let caller = verified.withLock({ $0[token] }) { return caller }
        guard let key = APIKey(text: token), let stored = keys.withLock({ $0[key.id] }),
              stored.matches(key) else { return nil }
        let caller: APICaller = switch stored.role {
        case .department: .department(stored.department, keyID: stored.id)
        case .ops: .ops(keyID: stored.id)
        case .citizen: .citizen(stored.department, keyID: stored.id)
        }
        verified.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll() }
            cache[token] = caller
        }
        return caller
    }

    /// Whether the key `id` is valid now (issued and not revoked, as of the last reload).
    public func isValid(keyID id: String) -> Bool { keys.withLock { $0[id] != nil } }

    /// Reads the file again.
    public func reload() throws(APIKeyError) {
        let store = try APIKeyStore(path: path)
        let valid = try store.keys(department: nil).filter { $0.revoked == nil }
        let byID = Dictionary(valid.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        keys.withLock { keys in
            guard keys != byID else { return }
            verified.withLock { $0.removeAll() }
            keys = byID
        }
    }

    /// Reloads every `refresh` until shutdown; a failed reload keeps the last keys and is logged.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: refresh)
            do { try reload() } catch { logger.warning("API keys not reloaded: \(error)") }
        }
    }
}
