import ArgumentParser
import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// `shuniu licence ...`: e-licences (电子证照) issued and revoked by departments with their
/// identity keys, verified anywhere, read with the holder's consent (docs/licences.md).
struct LicenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licence",
        abstract: "Issue, revoke, verify and list e-licences; export the revocation list; give a consent code.",
        subcommands: [LicenceTypes.self, LicenceIssue.self, LicenceRevoke.self, LicenceVerify.self, LicenceRevocations.self,
                      LicenceConsent.self, LicenceList.self, LicenceExpire.self]
    )

    /// The register caught up (signatures checked against the identity registry).
    static func log(_ broker: BrokerOptions, catalogue: Catalogue) async throws -> LicenceLog {
        let log = try LicenceLog(client: broker.client(id: "shuniu-licence"), hub: try HubTrust.load(), catalogue: catalogue)
        try await log.catchUp()
        return log
    }

    /// Appends `event`, reads it back and fails with the register's reason when it was refused.
    static func register(_ event: LicenceEvent, in log: LicenceLog) async throws {
        try await log.append([event])
        let refusals = try await log.catchUp()
        if let refusal = refusals.last {
            Console.fail("the licence register refused the record at ctl.licences offset \(refusal.offset): \(refusal.reason)")
            throw ExitCode(1)
        }
    }

    /// Publishes a licence's row to `src.e-licences` as the theme's provider, validated first.
    static func publish(_ licence: Licence, type: LicenceType, status: String, sequence: Int64, catalogue: Catalogue,
                        client: KafkaClientConfig) async throws {
        try await publish([(licence, type)], status: status, sequence: sequence, catalogue: catalogue, client: client)
    }

    /// Publishes the rows of `licences` in `status` to `src.e-licences`, each validated first.
    static func publish(_ licences: [(Licence, LicenceType)], status: String, sequence: Int64, catalogue: Catalogue,
                        client: KafkaClientConfig) async throws {
        guard let theme = catalogue.theme(LicenceRow.theme) else {
            Console.fail("the catalogue has no theme \(LicenceRow.theme); the licence is registered but not published as a change event")
            throw ExitCode(1)
        }
        let time = GrantSession.now()
        var records: [ProducerRecord] = []
        for (licence, type) in licences {
            let event = LicenceRow.event(licence, type: type, status: status, provider: theme.provider, sequence: sequence, time: time)
            do {
                _ = try EventValidator(catalogue: catalogue).validate(event)
            } catch {
                Console.fail("the row of licence \(licence.number) for \(LicenceRow.theme) is invalid: \(error)")
                throw ExitCode(1)
            }
            records.append(ProducerRecord(event: event))
        }
        guard !records.isEmpty else { return }
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let reports = try await producer.enqueue(records).reports()
        await producer.close()
        if let error = reports.firstError {
            Console.fail("the licence's change event was not published to \(Topics.source(LicenceRow.theme)): \(error); run the same command again (the event ids are stable)")
            throw ExitCode(1)
        }
    }

    /// A new licence of `type` for `holder`, numbered with a random nonce, signed with the issuer's `key`.
    static func sign(type: LicenceType, issuer: String, key: SigningKey, holder: String, name: String, fields: [String: String],
                     issued: CalendarDate) -> Licence {
        var nonce = [UInt8](repeating: 0, count: 16)
        for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255) }
        let number = Licence.number(type: type, issuer: issuer, holder: holder, issued: issued, nonce: nonce)
        return Licence(number: number, licenceType: type.id, issuer: .init(id: issuer, key: key.verifyingKey.id),
                       validFrom: issued.description, validUntil: type.validUntil(issued: issued)?.description,
                       subject: .init(id: holder, kind: type.holder, name: name, fields: fields))
            .signed(by: ControlSigner(key: key))
    }

    /// A licence type of the catalogue, or a clear error listing the types.
    static func type(_ id: String, in catalogue: Catalogue) throws -> LicenceType {
        guard let type = catalogue.licenceType(id) else {
            let ids = catalogue.licenceTypes.map(\.id)
            throw ValidationError("no licence type \(id); the catalogue's types are \(ids.joined(separator: ", ")) (`shuniu licence types`)")
        }
        return type
    }

    /// Today (UTC) or `--on`.
    static func day(_ text: String?) throws -> CalendarDate {
        guard let text else { return CalendarDate(iso: GrantSession.now().prefix(10)) ?? .latest }
        guard let day = CalendarDate(iso: text) else { throw ValidationError("--on \(text) is not a date; write YYYY-MM-DD") }
        return day
    }
}

struct LicenceTypes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "types", abstract: "The licence types of the catalogue (topics/licences/).")
    @OptionGroup var catalog: CatalogOptions

    func run() async throws {
        let catalogue = try catalog.load()
        for type in catalogue.licenceTypes {
            let validity = type.validityYears.map { "\($0) years" } ?? "until revoked"
            Console.say("\(type.id)  \(type.title.zh) / \(type.title.en)  code \(type.code), \(type.holder.rawValue), \(type.visibility.rawValue), valid \(validity), issued by \(type.issuers.joined(separator: ", "))")
            for field in type.fields {
                Console.say("    \(field.name): \(field.type.rawValue)\(field.required ? " (required)" : "") \(field.sensitivity.rawValue)")
            }
        }
    }
}

struct LicenceIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a licence signed with the issuer's key: registered on ctl.licences, published to src.e-licences.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var key: KeyOption
    @Option(name: .customLong("as"), help: "The issuing department (must be the key file's party).") var issuer: String
    @Option(help: "The licence type (`shuniu licence types`).") var type: String
    @Option(help: "The holder's citizen ID or unified social credit code.") var holder: String
    @Option(help: "The holder's name as printed on the licence.") var name: String
    @Option(name: .customLong("field"), help: "A field of the type: name=value (repeat).") var fields: [String] = []
    @Option(help: "The issue date (YYYY-MM-DD; default today, UTC).") var on: String?
    @Option(help: "Write the licence's JSON form here (mode 0600: it is personal data).") var out: String?

    func run() async throws {
        let catalogue = try catalog.load()
        let identity = try key.load()
        guard identity.party == issuer else {
            throw ValidationError("--as \(issuer) but the key file \(key.path) is a key of \(identity.party); issue with that department's own key")
        }
        let type = try LicenceCommand.type(type, in: catalogue)
        let issued = try LicenceCommand.day(on)
        let values: [String: String]
        do {
            values = try LicenceDraft.fields(fields, of: type)
            try LicenceDraft.check(holder: holder, name: name, for: type, issuer: issuer)
        } catch {
            Console.fail(error.description)
            throw ExitCode(1)
        }
        let licence = LicenceCommand.sign(type: type, issuer: issuer, key: identity.key, holder: holder, name: name, fields: values,
                                          issued: issued)
        let number = licence.number
        let log = try await LicenceCommand.log(broker, catalogue: catalogue)
        let event = LicenceEvent(kind: .issued, number: number, by: issuer, licence: licence, at: GrantSession.now())
            .signed(by: ControlSigner(key: identity.key))
        try await LicenceCommand.register(event, in: log)
        await log.close()
        try await LicenceCommand.publish(licence, type: type, status: "valid", sequence: 1, catalogue: catalogue, client: broker.client(id: "shuniu-licence"))
        if let out { try PrivateFile.write(Data(licence.encoded() + [0x0A]), to: out) }
        Console.say("issued \(number): \(type.title.zh) for \(holder), valid \(licence.validFrom) to \(licence.validUntil ?? "revocation"); registered on \(Topics.licences), published to \(Topics.source(LicenceRow.theme))")
        if let out { Console.say("JSON form in \(out) (mode 0600)") }
        Console.say("compact form (for a QR code):")
        Console.say(LicenceText.encode(licence) ?? "")
    }
}

struct LicenceRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a licence the key's department issued, with a reason.")
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var key: KeyOption
    @Option(help: "The licence number.") var number: String
    @Option(help: "superseded, withdrawn, issued-in-error, holder-ceased or key-compromise.") var reason: String

    func run() async throws {
        let catalogue = try catalog.load()
        let identity = try key.load()
        guard let why = LicenceEvent.Reason(rawValue: reason) else {
            throw ValidationError("--reason \(reason) is not one of \(LicenceEvent.Reason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let log = try await LicenceCommand.log(broker, catalogue: catalogue)
        guard let entry = await log.register.entries[number] else {
            Console.fail("no licence \(number) in the register (`shuniu licence list --holder ID` lists a holder's licences)")
            throw ExitCode(1)
        }
        let event = LicenceEvent(kind: .revoked, number: number, by: identity.party, reason: why, at: GrantSession.now())
            .signed(by: ControlSigner(key: identity.key))
        try await LicenceCommand.register(event, in: log)
        await log.close()
        let type = try LicenceCommand.type(entry.licence.licenceType, in: catalogue)
        try await LicenceCommand.publish(entry.licence, type: type, status: "revoked", sequence: 2, catalogue: catalogue, client: broker.client(id: "shuniu-licence"))
        Console.say("revoked \(number) (\(why.rawValue)); the next revocation list (`shuniu licence revocations --export`) carries it")
    }
}
