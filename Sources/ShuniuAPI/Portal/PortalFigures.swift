import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuRouter

/// The figures the catalogue's freshness and the ops view show, each computed at most once
/// per interval however many pages ask (reading them scans the source and audit topics).
final class PortalFigures: Sendable {
    /// The department evaluation (also each theme's freshness and the exchange per day).
    let evaluation: SingleFlight<Evaluation>
    /// The audit chains checked with the hub's audit key.
    let verification: SingleFlight<AuditVerification>
    /// The router group's lag on the source topics, in records.
    let routerLag: SingleFlight<Int64>

    init(runtime: APIRuntime) {
        let client = runtime.config.client
        let catalogue = runtime.catalogue
        let grants = runtime.grants
        evaluation = SingleFlight(interval: runtime.config.portalFiguresInterval) {
            let counts = try await ExchangeCounts.read(client: client, catalogue: catalogue, year: nil)
            return Evaluation(catalogue: catalogue, counts: counts, grants: grants.table)
        }
        let secret = runtime.config.secret
        verification = SingleFlight(interval: runtime.config.portalFiguresInterval) {
            guard let secret else { throw APIError.unavailable("no hub secret: the audit cannot be checked") }
            return try await AuditVerification.read(client: client, key: AuditKey(secret: secret))
        }
        routerLag = SingleFlight(interval: .seconds(5)) {
            let lag = try RouterLag(client: client, groupID: RouterConfig().groupID)
            do {
                let records = try await lag.records(themes: catalogue.themes)
                await lag.close()
                return records
            } catch {
                await lag.close()
                throw error
            }
        }
    }
}
