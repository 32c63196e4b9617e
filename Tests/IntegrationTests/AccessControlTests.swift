import Foundation
import ShuniuAccess
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Testing

/// The ACL and SCRAM admin calls against the dev broker, as far as it implements them (it
/// accepts but does not keep or enforce them; see docs/access-control.md).
@Suite struct AccessControlTests {
    @Test func theDevBrokerDescribesNoAclsAndTheWrapperRefusesChangesItWouldCrashOn() async throws {
        _ = try await Broker.freshTopic("acl", partitions: 1)
        let admin = try KafkaAdmin(client: Broker.client)
        #expect(try await admin.clusterID() == "tansu_cluster")
        #expect(try await admin.describeAcls() == [])
        let plan = AclPlan.entries(catalogue: RoutingScenario.catalogue, grants: GrantTable())
        let error = await #expect(throws: KafkaError.self) { try await admin.createAcls(plan) }
        #expect(error?.code == .unsupportedFeature)
        #expect(error?.message.contains("docs/access-control.md") == true)
        let deleting = await #expect(throws: KafkaError.self) { try await admin.deleteAcls(plan) }
        #expect(deleting?.code == .unsupportedFeature)
        // Still alive and answering after the refusals.
        #expect(try await admin.describeAcls() == [])
    }

    @Test func theDevBrokerAcceptsScramCredentialsButDoesNotKeepThem() async throws {
        _ = try await Broker.freshTopic("scram", partitions: 1)
        let admin = try KafkaAdmin(client: Broker.client)
        let user = "it-\(UUID().uuidString.prefix(6).lowercased())"
        try await admin.upsertScramCredential(user: user, password: "not-a-real-secret", mechanism: .sha256)
        #expect(try await admin.describeScramCredentials(users: [user]).contains { $0.user == user } == false)
    }
}
