import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// Every byte of a delivered record is under the grant: the records of every `sub.*` topic are
/// read raw (key, every header name and value, value) with a plain consumer, and no value the
/// grant withholds (a field not granted, a masked field's original, a provider's unlisted
/// extension header) appears in any of them.
@Suite(.serialized) struct WireLeakTests {
    let catalogue = RoutingScenario.catalogue

    @Test func noWithheldValueAppearsInAnyByteOfAnyDeliveredRecord() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        var scenario = RoutingScenario(seed: 12, subjects: 80)
        let themes = ["household-registration", "marriage", "disability", "birth", "death"].compactMap { catalogue.theme($0) }
        #expect(themes.count >= 4)

        // Random grants: every mask kind, the subject's field clear, masked or dropped, scopes.
        let workflow = GrantWorkflow(catalogue: catalogue)
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        var grants: [String: GrantApplication] = [:]
        let masks = ["partial", "partial:2:3", "pseudonym", "year", "drop"]
        for theme in themes {
            var used: Set<String> = []
            for index in 0..<4 {
                guard var application = scenario.application(theme, excluding: used) else { continue }
                used.insert(application.subscriber)
                switch index % 3 {
                case 0: application.masks[theme.subject.key] = nil
                case 1: application.masks[theme.subject.key] = scenario.random.pick(["partial", "pseudonym", "partial:3:2"])
                default: application.masks[theme.subject.key] = "drop"
                }
                for field in application.fields where field != theme.subject.key && scenario.random.chance(40) {
                    application.masks[field] = scenario.random.pick(masks)
                }
                if application.masks[theme.subject.key] != nil, !application.fields.contains(theme.subject.key) {
                    application.fields.append(theme.subject.key)
                }
                let id = "g-wire-\(theme.id)-\(index)"
                try await log.catchUp()
                guard var events = try? workflow.apply(application, id: id, at: "2025-01-01T00:00:00Z", table: await log.table)
                else { continue }  // refused by the compliance check: another grant is tried
                if events.count == 1 {
                    var table = await log.table
                    table.apply(events[0], catalogue: catalogue)
                    guard let approval = try? workflow.decide(id, approve: true, by: theme.provider, reason: nil,
                                                              at: "2025-01-01T00:00:00Z", table: table) else { continue }
                    events.append(approval)
                }
                try await log.append(events)
                grants[id] = application
            }
        }
        try await log.catchUp()
        await log.close()
        #expect(grants.count >= 10)

        // Thousands of events, each with the provider's own extension headers.
        var events: [ChangeEvent] = []
        for index in 0..<4_000 {
            var event = scenario.event(themes[scenario.random.int(0..<themes.count)])
            event.extensions = [EnvelopeHeader(name: "x-operator", text: "operator-\(index)-\(event.subject)"),
                                EnvelopeHeader(name: "x-batch", text: "batch-secret-\(index % 97)")]
            events.append(event)
        }
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        #expect(try await producer.send(events.map { ProducerRecord(event: $0) }).firstError == nil)
        await producer.close()
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: themes)
        try await router.stop()

        // The source records by position, read back raw.
        var sources: [String: ConsumerMessage] = [:]
        for theme in themes {
            for message in try await Broker.readAll(Topics.source(theme.id), client: broker.client) {
                sources["\(message.topic)/\(message.partition)/\(message.offset)"] = message
            }
        }
        var checked = 0
        var deliveries = 0
        var pseudonyms: [String: [String: Set<String>]] = [:]  // department -> subject -> keys
        for subscriber in Set(grants.values.map(\.subscriber)) {
            for message in try await Broker.readAll(Topics.subscriber(subscriber), client: broker.client) {
                deliveries += 1
                let header = { (name: String) in message.headers.first { $0.name == name }.map { String(decoding: $0.value, as: UTF8.self) } }
                let grantID = try #require(header("shuniu_grant"))
                let application = try #require(grants[grantID])
                let position = try #require(header("shuniu_source"))
                let source = try #require(sources[position])
                let event = try source.changeEvent()
                let theme = try #require(catalogue.theme(event.theme))
                var withheld: Set<String> = Set(event.extensions.compactMap(\.text))
                // What the grant legitimately puts in the record: field and header names too.
                var legitimate: [String] = [event.source, event.time, String(event.sequence), event.theme, application.basis,
                                            grantID, position, application.subscriber, "\(event.theme).upserted",
                                            "\(event.theme).deleted", "application/json", "left-scope"]
                legitimate += theme.fields.map(\.name) + message.headers.map(\.name)
                if let row = try? Row.parse(bytes: event.value) {
                    for field in row.fields {
                        let text = field.value.stringValue ?? field.value.numberText ?? ""
                        let granted = field.name == theme.subject.key || application.fields.contains(field.name)
                        if !granted || application.masks[field.name] != nil { withheld.insert(text) }
                        if granted, application.masks[field.name] == nil { legitimate.append(text) }
                        if granted, let rule = application.masks[field.name], let mask = try? MaskRule(parsing: rule),
                           let masked = mask.apply(to: field.value, key: RouterHarness.keys.key(for: application.subscriber)) {
                            legitimate.append(masked.stringValue ?? masked.numberText ?? "")
                        }
                    }
                }
                if application.masks[theme.subject.key] != nil { withheld.insert(event.subject) } else { legitimate.append(event.subject) }
                withheld.insert(event.id)
                let bytes: [[UInt8]] = [message.key ?? []] + message.headers.flatMap { [Array($0.name.utf8), $0.value] } + [message.value]
                for value in withheld where value.utf8.count >= 4 {
                    // A withheld value that is also part of what the grant delivers (say, a
                    // clear field with the same text) cannot be told apart: not counted.
                    guard !legitimate.contains(where: { $0.contains(value) }) else { continue }
                    checked += 1
                    let needle = Array(value.utf8)
                    for part in bytes where part.count >= needle.count {
                        let leaked = contains(part, needle)
                        #expect(!leaked, "\(subscriber) received withheld '\(value)' in \(String(decoding: part, as: UTF8.self).prefix(120))")
                    }
                }
                let key = String(decoding: message.key ?? [], as: UTF8.self)
                #expect(header("ce_subject") == key)
                if application.masks[theme.subject.key] == nil {
                    #expect(key == event.subject)
                } else {
                    pseudonyms[subscriber, default: [:]][event.subject, default: []].insert(key)
                }
            }
        }
        print("wire check: \(deliveries) deliveries, \(checked) withheld values checked in every byte")
        #expect(deliveries > 1_000)
        #expect(checked > 5_000)
        // Pseudonyms of one subject: equal within a department, different between departments.
        var byDepartment: [String: [String: String]] = [:]
        for (department, subjects) in pseudonyms {
            for (subject, keys) in subjects {
                #expect(keys.count == 1, "\(department) received \(keys.count) different keys for one subject")
                byDepartment[subject, default: [:]][department] = keys.first
            }
        }
        let shared = byDepartment.values.filter { $0.count > 1 }
        #expect(!shared.isEmpty, "some subject reached two departments under pseudonyms")
        for departments in shared { #expect(Set(departments.values).count == departments.count) }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && Array(haystack[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
