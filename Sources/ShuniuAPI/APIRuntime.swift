import Logging
import ShuniuAudit
import ShuniuCredit
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData

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
    /// The access audit, written in batches.
    public let audit: AccessAuditWriter
    /// The valid API keys.
    public let keys: KeyRing
    /// The credit library's reader (nil: the credit routes answer 503).
    public var credit: CreditReader?
    /// The open-data snapshots (nil: the open-data routes answer 503).
    public var openData: SnapshotStore?
    /// The licence verifier kept caught up (nil: `POST /v1/licences/verify` answers 503).
    public var licences: LicenceFollower?
    /// The used consent codes (nil: `GET /v1/licences` answers 503).
    public var consents: ConsentLedger?
    /// The one per-address limit of keyless calls (credit look-ups and licence checks share it).
    public let publicLimiter: ClientRateLimiter
    /// Counters for `/metrics`.
    public let metrics: APIMetrics
    /// The service's logger.
    public let logger: Logger
    /// Each department's pseudonym key (the router's derivation).
    public let pseudonyms: PseudonymKeys
    /// The web portal's signed-in browsers.
    public let sessions = PortalSessions()
}

extension APIRuntime {
    /// Hands a read's access records to the audit writer and counts the read; when the writer
    /// cannot take them no data leaves (503 `audit-unavailable`).
    func recordReads(_ events: [AccessEvent], outcome: String) throws(APIError) {
        try audit.record(events)
        metrics.read(outcome: outcome, audited: events.count)
    }
}
