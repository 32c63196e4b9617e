import ArgumentParser
import Foundation
import ShuniuModel
import ShuniuStreams

struct LicenceVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a licence (its JSON file or compact text): valid, revoked, expired, wrong issuer, tampered...",
        discussion: "Offline with --revocations FILE (the hub-signed list, trusted through $SHUNIU_HUB_KEY); else from the live registry and register. Exit 0 when valid, 1 otherwise.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "A licence's JSON file, or its compact text (SL1.…).") var licence: String
    @Option(help: "Verify offline against this revocation list (`shuniu licence revocations --export`).") var revocations: String?
    @Option(help: "Verify as of this day (YYYY-MM-DD; default today, UTC).") var on: String?
    @Flag(help: "Print the verdict as JSON.") var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        let bytes: [UInt8]
        if licence.hasPrefix(LicenceText.prefix) {
            bytes = Array(licence.utf8)
        } else {
            guard let data = FileManager.default.contents(atPath: licence), data.count <= Licence.maximumSize else {
                throw ValidationError("\(licence) is neither a compact licence (SL1.…) nor a readable licence file of at most \(Licence.maximumSize) bytes")
            }
            bytes = Array(data)
        }
        let list: RevocationList
        if let revocations {
            guard let data = FileManager.default.contents(atPath: revocations) else { throw ValidationError("cannot read \(revocations)") }
            switch RevocationList.read(Array(data), hub: try HubTrust.load()) {
            case .success(let read): list = read
            case .failure(let error):
                Console.fail(error.description)
                throw ExitCode(1)
            }
        } else {
            let log = try await LicenceCommand.log(broker, catalogue: catalogue)
            list = RevocationList(registry: await log.registry, register: await log.register, catalogue: catalogue, at: GrantSession.now())
            await log.close()
        }
        let verdict = LicenceVerifier(types: catalogue.licenceTypes, list: list).verify(bytes: bytes, on: try LicenceCommand.day(on))
        if json {
            Console.say(String(decoding: ControlJSON.encode(verdict), as: UTF8.self))
        } else {
            Console.say("\(verdict.status.rawValue): \(verdict.reason)")
            if let number = verdict.number { Console.say("licence \(number) (\(verdict.licenceType ?? "?")), issuer \(verdict.issuer ?? "?")") }
            if revocations != nil { Console.say("checked offline against the revocation list issued at \(list.issuedAt) (register to offset \(list.registerEnd)); revocations after it are not known") }
        }
        if !verdict.isValid { throw ExitCode(1) }
    }
}

struct LicenceRevocations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revocations",
        abstract: "Export the hub-signed revocation list that verifies licences offline (needs the hub secret).")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "Where to write the list (public data: it names licences by digest only).") var export: String

    func run() async throws {
        let secret = try SecretOption.load()
        let catalogue = try catalog.load()
        let log = try await LicenceCommand.log(broker, catalogue: catalogue)
        let list = RevocationList(registry: await log.registry, register: await log.register, catalogue: catalogue, at: GrantSession.now())
            .signed(by: .hub(secret))
        await log.close()
        guard FileManager.default.createFile(atPath: export, contents: Data(list.encoded())) else {
            throw ValidationError("cannot write \(export)")
        }
        Console.say("\(export): \(list.keys.count) department keys, \(list.revoked.count) revoked licences, register to offset \(list.registerEnd); signed by the hub key \(SigningKey.hub(secret).verifyingKey.id)")
    }
}

struct LicenceConsent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Give a holder's one-time consent code for one department and one matter (stands in for the city's identity app; needs the hub secret).")
    @OptionGroup var catalog: CatalogOptions
    @Option(help: "The holder's citizen ID or unified social credit code.") var holder: String
    @Option(help: "The department that may read.") var to: String
    @Option(name: .customLong("for"), help: "The matter, as shown to the holder.") var matter: String
    @Option(help: "Minutes the code lives (1 to 60).") var minutes = 10

    func run() async throws {
        let secret = try SecretOption.load()
        let catalogue = try catalog.load()
        guard catalogue.department(to) != nil else { throw ValidationError("--to \(to) is not a department of the catalogue") }
        guard (1...60).contains(minutes) else { throw ValidationError("--minutes must be from 1 to 60") }
        guard !matter.isEmpty, matter.utf8.count <= 200 else { throw ValidationError("--for names the matter in at most 200 bytes") }
        guard (try? CitizenID(validating: holder)) != nil || (try? CreditCode(validating: holder)) != nil else {
            throw ValidationError("--holder must be a valid citizen ID or unified social credit code")
        }
        let code = ConsentCode(holder: holder, department: to, matter: matter, now: Date(), lifetime: .seconds(minutes * 60))
            .signed(by: .hub(secret))
        Console.say("consent \(code.id): \(to) may read \(holder)'s personal licences once, for \(matter), until \(code.expiresAt)")
        Console.say(code.text)
    }
}

struct LicenceList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A holder's licences in the register, with their state.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "The holder's citizen ID or unified social credit code.") var holder: String
    @Option(help: "As of this day (YYYY-MM-DD; default today).") var on: String?

    func run() async throws {
        let catalogue = try catalog.load()
        let log = try await LicenceCommand.log(broker, catalogue: catalogue)
        let entries = await log.register.licences(of: holder)
        let refused = await log.register.refusedCount
        await log.close()
        let day = try LicenceCommand.day(on)
        for entry in entries {
            let licence = entry.licence
            let expired = licence.validUntil.flatMap { CalendarDate(iso: $0) }.map { $0 < day } ?? false
            let state = entry.revocation.map { "revoked \($0.at) (\($0.reason.rawValue))" } ?? (expired ? "expired" : "valid")
            Console.say("\(licence.number)  \(licence.licenceType)  issued \(licence.validFrom) by \(licence.issuer.id)  until \(licence.validUntil ?? "revocation")  \(state)")
        }
        if entries.isEmpty { Console.say("no licences of \(holder) in the register") }
        if refused > 0 { Console.say("(\(refused) record(s) of \(Topics.licences) were refused: forged or unverifiable)") }
    }
}

struct LicenceExpire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire",
        abstract: "Publish a status: expired row for each licence that expired on one of the last days (run it daily).",
        discussion: """
        A licence is expired from the day after its validUntil (a verifier says so from the dates alone);
        this publishes the change to the e-licences theme, so the libraries and the subscribers see it.
        Each row's event id is stable (licence-<number>-3): running it twice, or over overlapping days, publishes
        the same events again: a repeat changes no library (its sequence is not newer) and subscribers' mirrors drop
        a repeated event id.
        Revoked licences keep their revocation.
        """)
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "As of this day (YYYY-MM-DD; default today).") var on: String?
    @Option(help: "Look back this many days (1-366), so a missed daily run is made up.") var days = 7

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be from 1 to 366") }
    }

    func run() async throws {
        let catalogue = try catalog.load()
        let day = try LicenceCommand.day(on)
        let log = try await LicenceCommand.log(broker, catalogue: catalogue)
        let expired = await log.register.expired(before: day, lookback: days)
        await log.close()
        var rows: [(Licence, LicenceType)] = []
        for entry in expired {
            rows.append((entry.licence, try LicenceCommand.type(entry.licence.licenceType, in: catalogue)))
        }
        try await LicenceCommand.publish(rows, status: "expired", sequence: 3, catalogue: catalogue, client: broker.client(id: "shuniu-licence"))
        for (licence, _) in rows { Console.say("expired \(licence.number) (\(licence.licenceType), last valid day \(licence.validUntil ?? ""))") }
        Console.say("\(rows.count) licence(s) expired in the \(days) day(s) before \(day): their status: expired rows are on \(Topics.source(LicenceRow.theme))")
    }
}
