import ShuniuKafka
import Testing

/// What librdkafka's in-process mock cluster (2.8) answers to the topic-config admin calls:
/// nothing useful, so the config check is tested on the pure comparison
/// (ShuniuModelTests/TopicConfigTests) and on the Tansu broker (IntegrationTests).
@Suite struct MockClusterConfigTests {
    @Test("the mock cluster does not describe topic configs: the call fails within its timeout, it does not hang")
    func describeConfigsIsNotAnswered() async throws {
        let cluster = try KafkaMockCluster(brokers: 1)
        try cluster.createTopic("ctl.grants", partitions: 1)
        let admin = try KafkaAdmin(client: KafkaClientConfig(bootstrapServers: cluster.bootstrapServers))
        let start = ContinuousClock.now
        await #expect(throws: KafkaError.self) { _ = try await admin.describeTopicConfigs(["ctl.grants"], timeout: .seconds(3)) }
        // "Does not hang" only: on a loaded 2-core machine the call once came back after 61 s.
        #expect(ContinuousClock.now - start < .seconds(300))
    }
}
