import Foundation
import Logging
import ServiceLifecycle
import ShuniuAdapters
import ShuniuCity
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// The live demo: a synthetic city's departments publish their feeds through the adapters,
/// the router shares each record by function under realistic grants, and the audit proves it.
struct CityDemo {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let persons: Int
    let entities: Int
    let directory: URL

    func run() async throws {
        Console.say("== Shuniu (枢纽) live demo on \(client.bootstrapServers)")
        let admin = try KafkaAdmin(client: client)
        let topics = try await TopicPlanner(admin: admin).apply(catalogue)
        Console.say("1. catalogue: \(catalogue.departments.count) departments, \(catalogue.themes.count) themes; topics: \(topics.created.count) created, \(topics.existing.count) present")

        let report = try generateCity()
        Console.say("2. synthetic city: \(persons) persons, \(entities) legal entities, \(report.totalLines) change records in \(report.files.count) department feeds (\(directory.path))")

        let log = try GrantLog(client: client, catalogue: catalogue)
        Console.say("3. grants (share by function, on ctl.grants):")
        for line in try await DemoGrants.ensure(log: log, catalogue: catalogue, now: GrantSession.now()) { Console.say("   \(line)") }
        await log.close()

        var logger = ServiceLogging.logger("shuniu.router")
        logger.logLevel = .warning
        let router = RouterService(config: routerConfig(), catalogue: catalogue, logger: logger)
        let library = try freshLibrary()
        let projector = ProjectorService(config: projectorConfig(), catalogue: catalogue, store: library, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [router, projector], logger: logger))
        let routing = Task { try await group.run() }

        Console.say("4. departments publish their feeds through the adapter (validated before they leave):")
        let published = try await publishFeeds(report)
        try await publishForgery()
        Console.say("   \(published) records published, plus one forged record (tax publishing household registration)")

        let lag = try RouterLag(client: client, groupID: "shuniu-router")
        try await lag.waitUntilCaughtUp(themes: catalogue.themes, timeout: .seconds(600)) { Console.progress("   routing: \($0) records to go") }
        Console.endProgress()
        await lag.close()
        let target = LibraryTarget(catalogue: catalogue, store: library)
        try await ProjectorLag(client: client).waitUntilCaughtUp(target, catalogue: catalogue, timeout: .seconds(600)) {
            Console.progress("   projecting the libraries: \($0) records to go")
        }
        Console.endProgress()
        await group.triggerGracefulShutdown()
        try await routing.value
        try await DemoSummary(client: client, counters: router.counters).print()
        try LibrarySummary(store: library, catalogue: catalogue, path: libraryPath).print()
        DemoSummary.printNextSteps()
    }

    /// The demo's libraries start empty with each run (the city is new each time).
    private var libraryPath: String { ".shuniu/library.sqlite" }

    private func freshLibrary() throws -> SQLiteLibraryStore {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: libraryPath + suffix) }
        try FileManager.default.createDirectory(atPath: ".shuniu", withIntermediateDirectories: true)
        return try SQLiteLibraryStore(path: libraryPath)
    }

    private func projectorConfig() -> ProjectorConfig {
        var config = ProjectorConfig()
        config.client = client
        return config
    }

    private func routerConfig() -> RouterConfig {
        var config = RouterConfig()
        config.client = client
        if let secret = ProcessInfo.processInfo.environment["SHUNIU_SECRET"], !secret.isEmpty { config.secret = Array(secret.utf8) }
        return config
    }

    /// Generates the city once per size; a later run reuses it.
    private func generateCity() throws -> CityReport {
        let manifest = directory.appendingPathComponent("manifest.json")
        if FileManager.default.fileExists(atPath: manifest.path) { try FileManager.default.removeItem(at: directory) }
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: 1)).build()
        return try CityWriter(catalogue: catalogue, directory: directory).write(city)
    }

    private func publishFeeds(_ report: CityReport) async throws -> Int {
        let total = try await CityPublication(client: client, catalogue: catalogue, directory: directory).publish(report)
        for line in report.linesByDepartment { Console.say("   \(line.department): \(line.lines) records in \(line.files) feed(s)") }
        return total
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
