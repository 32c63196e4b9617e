import Foundation
import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// Forged heads on the audit topics, written by someone without the hub secret: the router
/// takes over and routes on, the API's access chain opens, and `verify` reports each one.
@Suite(.serialized) struct ForgedAuditHeadTests {
    /// A record with valid `hash` (the chain's own recipe) sealed with a key that is not the hub's.
    func forged(chain: String, seq: String) -> [UInt8] {
        var row = Row(distinctFields: [.init(name: "chain", value: .string(chain)), .init(name: "seq", value: .number(seq)),
                                       .init(name: "prev", value: .string(AuditChain.genesis)),
                                       .init(name: "decision", value: .string("delivered")), .init(name: "continues", value: .null)])
        let hash = AuditChain.hash(prev: AuditChain.genesis, body: row.serialized())
        row["hash"] = .string(hash)
        row["mac"] = .string(AuditKey(secret: .ephemeral()).mac(hash))
        return row.serialized()
    }

    @Test func forgedHeadsStopNeitherTheRouterNorTheAPIAndVerifyReportsThem() async throws {
        let (broker, theme) = try await RouterTests().marriageToHousing()
        var scenario = RoutingScenario(seed: 5, subjects: 20)
        let first = (0..<30).map { _ in scenario.event(theme, deletes: false) }
        try await RouterTests().publish(first, client: broker.client)
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()

        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        let forgeries: [(topic: String, chain: String, seq: String)] = [
            (Topics.audit, "src.marriage/0#0", "9223372036854775807"),
            (Topics.audit, "src.marriage/0#9223372036854775807", "1"),
            (Topics.audit, "src.marriage/0#-1", "1"),
            (Topics.access, "access/api-it#0", "9223372036854775807"),
        ]
        let reports = try await producer.send(forgeries.map {
            ProducerRecord(topic: $0.topic, key: Array($0.chain.prefix { $0 != "#" }.utf8), value: forged(chain: $0.chain, seq: $0.seq))
        })
        #expect(reports.firstError == nil)
        await producer.close()

        // A new router takes the chains over and routes what comes next.
        let second = (0..<30).map { _ in scenario.event(theme, deletes: false) }
        try await RouterTests().publish(second, client: broker.client)
        let heir = RouterHarness(broker: broker)
        try await heir.waitUntilRouted(themes: [theme])
        try await heir.stop()
        let delivered = try await Broker.readAll(Topics.subscriber("housing-construction"), client: broker.client)
        let sources = Set(delivered.compactMap { message in message.headers.first { $0.name == "shuniu_source" }?.stringValue })
        #expect(sources.count == first.count + second.count)

        // The API's access chain opens past its forged head, and appends.
        let access = try await AccessAuditLog.open(client: broker.client, instance: "api-it", key: .test)
        #expect(access.chain == "access/api-it")
        await access.close()

        let verification = try await AuditVerification.read(client: broker.client, key: .test)
        #expect(!verification.isIntact)
        #expect(verification.breaks.count == forgeries.count)
        #expect(verification.breaks.allSatisfy { $0.problem.contains("outside 1...") || $0.problem.contains("does not end in #<segment") })
    }
}
