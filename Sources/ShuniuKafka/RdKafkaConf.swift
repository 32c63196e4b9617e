import CRdKafka

/// Builds an `rd_kafka_conf_t` from string properties; a refused key names itself and why.
///
/// The returned pointer is owned by the caller until `rd_kafka_new` takes it over.
enum RdKafkaConf {
    /// Keys whose values must never appear in an error message or a log line.
    static func isSecret(_ key: String) -> Bool {
        key.contains("password") || key.contains("secret") || key.hasSuffix(".key") || key.contains("key.pem")
    }

    static func make(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError.invalidConfig("rd_kafka_conf_new failed")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorText, errorText.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let shown = isSecret(key) ? "***" : value
                let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                    as: UTF8.self)
                throw KafkaError.invalidConfig("librdkafka property \(key)=\(shown) refused: \(reason)")
            }
        }
        return conf
    }

    /// Creates a client handle of `type`, consuming `conf` on success and on failure.
    static func client(type: rd_kafka_type_t, conf: OpaquePointer) throws(KafkaError) -> OpaquePointer {
        var errorText = [CChar](repeating: 0, count: 512)
        guard let rk = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                as: UTF8.self)
            throw KafkaError.invalidConfig("cannot create Kafka client: \(reason)")
        }
        return rk
    }
}
