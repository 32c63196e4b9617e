import Foundation
import ShuniuAudit
import ShuniuCity
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData
import ShuniuRouter
import ShuniuStreams

/// The live city: the departments of a synthetic city publish their feeds through the
/// adapters while the router shares each record by function, the projectors build the
/// libraries, the open-data service publishes snapshots and the API answers departments —
/// one process group, then a tour of what to look at, and the hub keeps running until Ctrl-C.
struct CityDemo {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let persons: Int
    let entities: Int
    let directory: URL
    let apiPort: Int
    let keysPath: String
    /// The catalogue's directory (the open-data negative list sits beside the themes).
    let catalogueDirectory: URL
    /// Where the demo's files go.
    let state: String
    /// Stop after the tour instead of serving until Ctrl-C.
    let once: Bool

    func run() async throws {
        Console.say("== Shuniu (枢纽) live demo on \(client.bootstrapServers)")
        let topics = try await TopicPlanner(admin: KafkaAdmin(client: client)).apply(catalogue)
        Console.say("1. catalogue: \(catalogue.departments.count) departments, \(catalogue.themes.count) themes; topics: \(topics.created.count) created, \(topics.existing.count) present")

        let report = try generateCity()
        Console.say("2. synthetic city: \(persons) persons, \(entities) legal entities, \(report.totalLines) change records in \(report.files.count) department feeds (\(directory.path))")

        // The hub secret: $SHUNIU_SECRET(_FILE) when set, else one generated once into the
        // state directory (mode 0600), so the main command stays one command.
        let environment = ProcessInfo.processInfo.environment
        let secretPath = "\(state)/secret"
        let fromEnvironment = !(environment["SHUNIU_SECRET"] ?? "").isEmpty || !(environment["SHUNIU_SECRET_FILE"] ?? "").isEmpty
        let secret = fromEnvironment ? try HubSecret.fromEnvironment() : try HubSecret.loadOrCreate(path: secretPath)

        let identities = "\(state)/identities"
        let keys = try await DemoIdentities.ensure(parties: DemoGrants.parties(catalogue) + DemoLicences.issuers, directory: identities, client: client, secret: secret)
        let log = try GrantLog(client: client, catalogue: catalogue, secret: secret)
        Console.say("3. grants (share by function, on ctl.grants; each step signed by its party's key in \(identities), checked by every service):")
        for line in try await DemoGrants.ensure(log: log, catalogue: catalogue, now: GrantSession.now(), keys: keys, secret: secret) {
            Console.say("   \(line)")
        }
        await log.close()
        let apiKeys = try DemoAPIView.issueKeys(path: keysPath, now: GrantSession.now())
        let services = try await DemoServices(client: client, catalogue: catalogue, catalogueDirectory: catalogueDirectory,
                                              state: state, apiPort: apiPort, keysPath: keysPath, secret: secret)
        let running = Task { try await services.group.run() }
        let port = try await services.port.wait()
        let base = "http://127.0.0.1:\(port)"
        Console.say("4. the hub runs as one process group: router, library and credit projectors, query API on \(base) (open data joins after its first snapshots)")
        Console.say("   hub secret: \(fromEnvironment ? "from the environment" : "\(secretPath) (mode 0600; SHUNIU_SECRET_FILE=\(secretPath) for replay and trace)")")

        Console.say("5. departments publish their feeds through the adapter (validated before they leave):")
        let published = try await CityPublication(client: client, catalogue: catalogue, directory: directory).publish(report)
        try await publishForgery()
        Console.say("   \(published) records published, plus one forged record (tax publishing household registration)")
        try await waitUntilCaughtUp(services)

        try await DemoSummary(client: client, counters: services.router.counters).print()
        let view = DemoAPIView(base: base, keys: apiKeys)
        let subject = try DemoAPIView.samplePerson(services.library)
        if let subject { await view.show(subject) }
        try LibrarySummary(store: services.library, catalogue: catalogue, path: services.libraryPath).print()
        try await openData(services)
        let refreshing = Task { try await services.openDataService.run() }
        try await DemoLicences(client: client, catalogue: catalogue, base: base, secret: secret, keys: keys,
                               apiKey: apiKeys["civil-affairs"]).run(person: subject, library: services.library)
        try await verifyAudit(secret: secret)
        let portal = try subject.map { try DemoAPIView.issuePortalKeys(path: keysPath, person: $0, now: GrantSession.now()) }
        DemoSummary.printNextSteps(base: base, keys: apiKeys, subject: subject, openData: services.openDataPath, portal: portal)

        if once {
            await services.group.triggerGracefulShutdown()
        } else {
            Console.say("\nThe hub keeps running (API on \(base)); Ctrl-C stops it gracefully.")
        }
        defer { refreshing.cancel() }
        try await running.value
    }

    private func waitUntilCaughtUp(_ services: DemoServices) async throws {
        let lag = try RouterLag(client: client, groupID: "shuniu-router")
        try await lag.waitUntilCaughtUp(themes: catalogue.themes, timeout: .seconds(600)) { Console.progress("   routing: \($0) records to go") }
        await lag.close()
        let projectors = try ProjectorLag(client: client)
        try await projectors.waitUntilCaughtUp(LibraryTarget(catalogue: catalogue, store: services.library), catalogue: catalogue,
                                               timeout: .seconds(600)) { Console.progress("   projecting the libraries: \($0) records to go") }
        try await projectors.waitUntilCaughtUp(services.credit.target, catalogue: catalogue,
                                               timeout: .seconds(600)) { Console.progress("   projecting the credit library: \($0) records to go") }
        Console.endProgress()
    }

    /// Publishes the open datasets once everything is projected (the service refreshes them later).
    private func openData(_ services: DemoServices) async throws {
        let outcomes = try await services.openData.publish(from: try KafkaOpenDataSource(client: client, catalogue: catalogue))
        var published: [(dataset: String, version: Int)] = []
        var refused: [String] = []
        for (dataset, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            switch outcome {
            case .published(let version, _, _), .unchanged(let version): published.append((dataset, version))
            case .refused(let reasons): refused.append("\(dataset) (\(reasons.first.map { $0.code.rawValue } ?? "?"))")
            case .noData: break
            }
        }
        Console.say("")
        Console.say("9. open data (\(services.openDataPath)): \(published.count) datasets published behind the disclosure gate, \(refused.count) refused")
        if !refused.isEmpty { Console.say("   refused by the gate: \(refused.joined(separator: ", "))") }
        let sample = published.first { $0.dataset.hasPrefix("residents") } ?? published.first
        if let (dataset, version) = sample {
            let csv = URL(fileURLWithPath: "\(services.openDataPath)/\(dataset)/v\(version)/data.csv")
            let text = (try? String(contentsOf: csv, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            Console.say("   \(dataset) v\(version), \(max(0, lines.count - 1)) rows (\(csv.path)):")
            for line in lines.prefix(4) { Console.say("     \(line)") }
        }
    }

    private func verifyAudit(secret: HubSecret) async throws {
        let verification = try await AuditVerification.read(client: client, key: AuditKey(secret: secret))
        Console.say("")
        for log in verification.logs {
            let verdict = log.breaks.isEmpty ? "intact" : "BROKEN: \(log.breaks[0])"
            Console.say("11. \(log.topic): \(log.records) records in \(log.chains) hash chains, \(verdict)")
        }
    }

    private func generateCity() throws -> CityReport {
        let manifest = directory.appendingPathComponent("manifest.json")
        if FileManager.default.fileExists(atPath: manifest.path) { try FileManager.default.removeItem(at: directory) }
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: 1)).build()
        return try CityWriter(catalogue: catalogue, directory: directory).write(city)
    }

    /// One data, one source: a record of a theme published by a department that is not its
    /// provider is refused by the router into the dead-letter topic.
    private func publishForgery() async throws {
        let subject = CitizenID.make(region: "440113", year: 1990, month: 5, day: 17, sequence: 123).value
        let row: Row = ["citizen_id": .string(subject), "name": "冒名", "sex": "male", "birth_date": "1990-05-17",
                        "address": "番禺区", "district": "panyu", "household_id": "H-forged", "registration_status": "active"]
        let forged = ChangeEvent.upsert(id: "forged-\(UUID().uuidString)", source: "tax", theme: "household-registration",
                                        subject: subject, time: GrantSession.now(), sequence: 1, row: row)
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        try await producer.send(ProducerRecord(event: forged))
        await producer.close()
    }
}
