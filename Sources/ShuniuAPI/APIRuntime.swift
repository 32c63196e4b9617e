import Logging
import ShuniuAudit
import ShuniuLibraries
import ShuniuModel

/// What the route groups share: the catalogue, the library, the grant table, the access
/// audit, the keys, the metrics and the settings. Built once by ``APIService``.
public struct APIRuntime: Sendable {
    /// Settings.
    public let config: APIConfig
    /// The catalogue.
    public let catalogue: Catalogue
    /// The projected libraries (nil: the library routes answer 503 `no-library`).
    public let library: (any LibraryReader)?
    /// The grant table, kept caught up.
    public let grants: GrantFollower
    /// The access audit writer.
    public let audit: AccessAuditLog
    /// The valid API keys.
    public let keys: KeyRing
    /// Counters for `/metrics`.
    public let metrics: APIMetrics
    /// The service's logger.
    public let logger: Logger
}
