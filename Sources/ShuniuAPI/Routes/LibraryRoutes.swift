import HTTPTypes
import Hummingbird
import NIOCore
import ShuniuAudit
import ShuniuLibraries
import ShuniuModel

/// `GET /v1/persons/{id}` and `GET /v1/entities/{code}`: a subject's library record as the
/// calling department's grants let it see it, each answer recorded on `audit.access`.
struct LibraryRoutes: RouteGroup {
    let runtime: APIRuntime

    func register(on router: Router<APIContext>) {
        router.get("/v1/persons/:id") { request, context in
            let id = try context.parameters.require("id")
            try Self.validate("citizen ID", id) { text throws(IdentifierError) in _ = try CitizenID(validating: text) }
            return try await lookUp(.person, subject: id, request: request, context: context)
        }
        router.get("/v1/entities/:code") { request, context in
            let code = try context.parameters.require("code")
            if code.count == 18 {
                try Self.validate("credit code", code) { text throws(IdentifierError) in _ = try CreditCode(validating: text) }
            } else if !(8...20).contains(code.utf8.count) || !code.utf8.allSatisfy(Self.isCodeCharacter) {
                throw APIError(.badRequest, "bad-identifier",
                               "\(code.prefix(40)) is neither a unified social credit code (18 characters) nor an organisation code or tax id (8-20 digits, uppercase letters or '-')")
            }
            return try await lookUp(.entity, subject: code, request: request, context: context)
        }
    }

    /// A 400 naming the identifier's problem (`bad-check-character`, `wrong-length`, ...).
    private static func validate(_ what: String, _ text: String,
                                 _ check: (String) throws(IdentifierError) -> Void) throws(APIError) {
        do {
            try check(text)
        } catch {
            throw APIError.badIdentifier(what, text, error)
        }
    }

    private static func isCodeCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    private func lookUp(_ kind: LibraryKind, subject asked: String, request: Request, context: APIContext) async throws -> Response {
        let department = try context.requireDepartment()
        guard let library = runtime.library else {
            throw APIError.unavailable("this API was started without a library; start it with --library FILE")
        }
        guard runtime.grants.staleness < runtime.config.maxGrantStaleness else {
            throw APIError(.serviceUnavailable, "grants-stale",
                           "the grant table could not be brought up to date with ctl.grants; look-ups resume once the broker answers")
        }
        let purpose = request.headers[.purpose].map { String($0.prefix(200)) }
        var subject = asked
        var record: LibraryRecord?
        do {
            if kind == .entity { subject = try library.resolveEntity(asked) ?? asked }
            record = try library.record(kind, subject: subject)
        } catch {
            context.logger.error("library read failed: \(error)")
            throw APIError.unavailable("the library could not be read; the operators' log has the detail")
        }
        let time = UTCClock.now()
        let read = LibraryView.read(record, library: kind, department: department, grants: runtime.grants.table,
                                    catalogue: runtime.catalogue, day: CalendarDate(iso: time.prefix(10)),
                                    keys: runtime.pseudonyms)
        switch read {
        case .denied:
            try runtime.recordReads([AccessEvent(channel: "api", outcome: .denied, department: department, subject: subject,
                                         purpose: purpose, time: time)], outcome: "denied")
            throw APIError.forbidden("\(department) holds no grant in force on any theme of the \(kind.rawValue) library; apply with POST /v1/grants or `shuniu grants apply`")
        case .notFound:
            try runtime.recordReads([AccessEvent(channel: "api", outcome: .notFound, department: department, subject: subject,
                                         purpose: purpose, time: time)], outcome: "not-found")
            throw APIError.notFound("no \(kind.rawValue) \(asked) visible to \(department) under its grants")
        case .found(let slices):
            var items: [[UInt8]] = []
            var events: [AccessEvent] = []
            for slice in slices {
                let fields = slice.row.serialized()
                items.append(Self.sliceJSON(slice, fields: fields))
                events.append(AccessEvent(channel: "api", outcome: .read, department: department, subject: subject,
                                          theme: slice.theme, grantID: slice.grant.id, basis: slice.grant.application.basis,
                                          purpose: purpose, fields: slice.row.names, value: fields, time: time))
            }
            try runtime.recordReads(events, outcome: "read")
            var body = JSONObjectWriter()
            body.member("library", .string(kind.rawValue))
            body.member("subject", .string(subject))
            body.member("slices", jsonArray: items)
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.finish())))
        }
    }


    /// `{"theme", "grant", "function", "basis", "fields", "lineage"}`; `fields` is exactly the
    /// bytes whose SHA-256 the access record holds.
    static func sliceJSON(_ slice: ServedSlice, fields: [UInt8]) -> [UInt8] {
        var lineage = JSONObjectWriter()
        lineage.member("department", .string(slice.lineage.department))
        lineage.member("event", .string(slice.lineage.eventID))
        lineage.member("sequence", .number(String(slice.lineage.sequence)))
        lineage.member("time", .string(slice.lineage.eventTime))
        lineage.member("source", .string(slice.lineage.source))
        var writer = JSONObjectWriter()
        writer.member("theme", .string(slice.theme))
        writer.member("grant", .string(slice.grant.id))
        writer.member("function", .string(slice.grant.application.function))
        writer.member("basis", .string(slice.grant.application.basis))
        writer.member("fields", json: fields)
        writer.member("lineage", json: lineage.finish())
        return writer.finish()
    }
}

extension HTTPField.Name {
    /// `X-Purpose`: why the caller reads (an application or case number), kept in the access record.
    static let purpose = HTTPField.Name("X-Purpose")!
}
