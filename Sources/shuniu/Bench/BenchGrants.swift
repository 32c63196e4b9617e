import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// The grants a benchmark needs: applied (unconditional themes, so approved at once by the
/// compliance check) before the run and revoked after it, on `ctl.grants`.
struct BenchGrants {
    let client: KafkaClientConfig
    let catalogue: Catalogue

    /// The benchmark's hub secret (made once per process): the router or API under test and
    /// the grant steps signed here share it.
    static let secret = HubSecret.ephemeral()
    private var signer: ControlSigner { .hub(Self.secret, via: "benchmark") }
    private var ownSigner: ControlSigner { .hub(Self.secret) }

    /// Applies each application under `id(index)`; returns the grant ids.
    func apply(_ applications: [GrantApplication], id: (Int) -> String) async throws -> [String] {
        _ = try await KafkaAdmin(client: client).createTopics([NewTopic(name: Topics.grants, partitions: Topics.grantsPartitions)])
        let log = try GrantLog(client: client, catalogue: catalogue, secret: Self.secret)
        try await log.catchUp()
        let workflow = GrantWorkflow(catalogue: catalogue)
        var ids: [String] = []
        for (index, application) in applications.enumerated() {
            let grantID = id(index)
            let events = try workflow.apply(application, id: grantID, at: GrantSession.now(), table: await log.table)
            try await log.append(signed: events.map { $0.signed(by: $0.by == GrantWorkflow.hub ? ownSigner : signer) })
            try await log.catchUp()
            ids.append(grantID)
        }
        await log.close()
        return ids
    }

    /// Revokes the grants, each by its subscriber.
    func revoke(_ ids: [String]) async throws {
        let log = try GrantLog(client: client, catalogue: catalogue, secret: Self.secret)
        try await log.catchUp()
        let workflow = GrantWorkflow(catalogue: catalogue)
        for id in ids {
            guard let grant = await log.table.grant(id) else { continue }
            try await log.append([try workflow.revoke(id, by: grant.subscriber, reason: "benchmark finished", at: GrantSession.now(),
                                                      table: await log.table)], signedBy: signer)
            try await log.catchUp()
        }
        await log.close()
    }
}
