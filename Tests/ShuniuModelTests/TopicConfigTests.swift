import ShuniuModel
import Testing

/// The topic config policy and the check of described configs against it: pure, no broker.
@Suite("Topic configs")
struct TopicConfigTests {
    typealias Described = [String: [String: (value: String?, isDefault: Bool)]]

    @Test("src, ctl and audit never expire; sub and dlq keep their retention; every topic has the common configs")
    func policyByPrefix() {
        let policy = TopicConfigPolicy()
        for topic in ["src.marriage", "ctl.grants", "ctl.credit-objections", "audit.exchange", "audit.access", "other.topic"] {
            let configs = policy.configs(for: topic)
            #expect(configs["retention.ms"] == "-1", "\(topic)")
            #expect(configs["retention.bytes"] == "-1", "\(topic)")
            #expect(configs["cleanup.policy"] == "delete", "\(topic)")
        }
        #expect(policy.configs(for: "sub.tax")["retention.ms"] == "2592000000")
        #expect(policy.configs(for: "dlq.marriage")["retention.ms"] == "7776000000")
        #expect(policy.configs(for: "sub.tax")["retention.bytes"] == "-1")
        #expect(policy.configs(for: "sub.tax")["min.insync.replicas"] == "1")
        #expect(policy.configs(for: "src.marriage")["max.message.bytes"] == "1048588")

        var custom = TopicConfigPolicy()
        custom.subscriberRetentionMilliseconds = 7 * TopicConfigPolicy.dayMilliseconds
        custom.minInSyncReplicas = 2
        custom.replicationFactor = 3
        custom.maxMessageBytes = nil
        #expect(custom.configs(for: "sub.tax")["retention.ms"] == "604800000")
        #expect(custom.configs(for: "audit.exchange")["min.insync.replicas"] == "2")
        #expect(custom.configs(for: "audit.exchange")["max.message.bytes"] == nil)
        #expect(throws: Never.self) { try custom.validate() }
    }

    @Test("a policy with more in-sync replicas than replicas, or a zero retention, is refused")
    func validation() {
        var policy = TopicConfigPolicy()
        policy.minInSyncReplicas = 2
        #expect(throws: TopicConfigPolicy.Invalid.self) { try policy.validate() }
        policy = TopicConfigPolicy()
        policy.deadLetterRetentionMilliseconds = 0
        #expect(throws: TopicConfigPolicy.Invalid.self) { try policy.validate() }
        policy = TopicConfigPolicy()
        policy.replicationFactor = 0
        #expect(throws: TopicConfigPolicy.Invalid.self) { try policy.validate() }
        #expect(throws: Never.self) { try TopicConfigPolicy().validate() }
    }

    @Test("configs described as planned give no finding; numbers compare by value")
    func asPlanned() {
        let policy = TopicConfigPolicy()
        let expected = ["ctl.grants": policy.configs(for: "ctl.grants"), "sub.tax": policy.configs(for: "sub.tax")]
        var described: Described = [:]
        for (topic, configs) in expected {
            described[topic] = configs.mapValues { (value: $0, isDefault: false) }
        }
        described["ctl.grants"]?["retention.ms"] = (value: " -1", isDefault: false)
        described["ctl.grants"]?["segment.ms"] = (value: "604800000", isDefault: true)  // not planned: ignored
        #expect(TopicConfigCheck.findings(expected: expected, described: described).isEmpty)
    }

    @Test("a broker default retention, a missing config and an unknown topic are each reported with the fix")
    func wrongConfigs() {
        let policy = TopicConfigPolicy()
        let expected = ["ctl.grants": policy.configs(for: "ctl.grants"), "sub.tax": policy.configs(for: "sub.tax"),
                        "audit.exchange": policy.configs(for: "audit.exchange")]
        var described: Described = [:]
        described["ctl.grants"] = policy.configs(for: "ctl.grants").mapValues { (value: $0, isDefault: false) }
        described["ctl.grants"]?["retention.ms"] = (value: "604800000", isDefault: true)  // Apache Kafka's default: 7 days
        described["sub.tax"] = policy.configs(for: "sub.tax").mapValues { (value: $0, isDefault: false) }
        described["sub.tax"]?["cleanup.policy"] = nil  // Tansu: not given at creation, not listed
        // audit.exchange not described at all.
        let findings = TopicConfigCheck.findings(expected: expected, described: described)
        #expect(findings.map { "\($0.topic) \($0.config)" } ==
                policy.configs(for: "audit.exchange").keys.sorted().map { "audit.exchange \($0)" }
                + ["ctl.grants retention.ms", "sub.tax cleanup.policy"])
        let retention = findings.first { $0.topic == "ctl.grants" }!
        #expect(retention.actual == "604800000" && retention.actualIsDefault && retention.expected == "-1")
        #expect(retention.description == "ctl.grants: retention.ms is 604800000 (the broker's default), must be -1")
        #expect(retention.kafkaConfigsCommand(bootstrap: "k:9092")
                == "kafka-configs.sh --bootstrap-server k:9092 --alter --entity-type topics --entity-name ctl.grants --add-config retention.ms=-1")
        let cleanup = findings.first { $0.topic == "sub.tax" }!
        #expect(cleanup.actual == nil)
        #expect(cleanup.description == "sub.tax: cleanup.policy is not set (the broker's default applies), must be delete")

        let changes = TopicConfigCheck.changes(fixing: findings)
        #expect(changes["ctl.grants"] == ["retention.ms": "-1"])
        #expect(changes["sub.tax"] == ["cleanup.policy": "delete"])
        #expect(changes["audit.exchange"] == policy.configs(for: "audit.exchange"))
    }

    @Test("compact instead of delete is wrong: a compacted audit would drop records")
    func compactIsWrong() {
        let policy = TopicConfigPolicy()
        var described: Described = ["audit.exchange": policy.configs(for: "audit.exchange").mapValues { (value: $0, isDefault: false) }]
        described["audit.exchange"]?["cleanup.policy"] = (value: "compact", isDefault: false)
        let findings = TopicConfigCheck.findings(expected: ["audit.exchange": policy.configs(for: "audit.exchange")], described: described)
        #expect(findings == [TopicConfigFinding(topic: "audit.exchange", config: "cleanup.policy", expected: "delete", actual: "compact")])
    }
}
