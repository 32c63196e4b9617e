/// One config of an existing topic that differs from the ``TopicConfigPolicy``.
public struct TopicConfigFinding: Sendable, Hashable, CustomStringConvertible {
    /// The topic.
    public var topic: String
    /// The config's name.
    public var config: String
    /// The value the policy requires.
    public var expected: String
    /// The value the cluster reported; nil when the topic does not set it (Tansu lists only
    /// configs given at creation) or the cluster did not describe it.
    public var actual: String?
    /// True when ``actual`` is the broker's default rather than set on the topic.
    public var actualIsDefault: Bool

    /// A finding.
    public init(topic: String, config: String, expected: String, actual: String?, actualIsDefault: Bool = false) {
        self.topic = topic
        self.config = config
        self.expected = expected
        self.actual = actual
        self.actualIsDefault = actualIsDefault
    }

    /// `sub.tax: retention.ms is 604800000 (the broker's default), must be 2592000000`.
    public var description: String {
        let now = actual.map { "is \($0)" + (actualIsDefault ? " (the broker's default)" : "") } ?? "is not set (the broker's default applies)"
        return "\(topic): \(config) \(now), must be \(expected)"
    }

    /// The fix with Kafka's own tool, for operators who do not run `shuniu topics apply --fix`.
    public func kafkaConfigsCommand(bootstrap: String) -> String {
        "kafka-configs.sh --bootstrap-server \(bootstrap) --alter --entity-type topics --entity-name \(topic) --add-config \(config)=\(expected)"
    }
}

/// Compares the configs topics must have with the configs the cluster describes. Pure.
public enum TopicConfigCheck {
    /// The findings, sorted by topic and config, for every expected config that `described`
    /// does not report with the same value. A topic missing from `described` is wrong in
    /// every config. Numbers compare by value (`"-1"` equals `" -1"`, `"01"` equals `"1"`).
    public static func findings(expected: [String: [String: String]],
                                described: [String: [String: (value: String?, isDefault: Bool)]]) -> [TopicConfigFinding] {
        var findings: [TopicConfigFinding] = []
        for (topic, configs) in expected {
            let actual = described[topic] ?? [:]
            for (name, value) in configs {
                let found = actual[name]
                guard let foundValue = found?.value, same(foundValue, value) else {
                    findings.append(TopicConfigFinding(topic: topic, config: name, expected: value, actual: found?.value,
                                                       actualIsDefault: found?.isDefault ?? false))
                    continue
                }
            }
        }
        return findings.sorted { ($0.topic, $0.config) < ($1.topic, $1.config) }
    }

    /// The changes that fix `findings`: per topic, each wrong config with its expected value.
    public static func changes(fixing findings: [TopicConfigFinding]) -> [String: [String: String]] {
        var changes: [String: [String: String]] = [:]
        for finding in findings { changes[finding.topic, default: [:]][finding.config] = finding.expected }
        return changes
    }

    static func same(_ found: String, _ expected: String) -> Bool {
        let found = found.trimmingWhitespace, expected = expected.trimmingWhitespace
        if let left = Int64(found), let right = Int64(expected) { return left == right }
        return found == expected
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
