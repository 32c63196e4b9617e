import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ShuniuAudit
import ShuniuModel

/// `GET /v1/licences?holder=ID[&type=T]`: a department handling a matter for a holder reads
/// the holder's licences, signed as issued, each with its verdict today.
///
/// - The department needs a grant in force on the `e-licences` theme (its legal function).
/// - **Public** types (a business licence, a doctor's practising licence) are read without
///   consent. When the types asked (`type`, or every type of the holder's kind) include a
///   **personal** one, the holder's consent code is needed in `Shuniu-Consent`: hub-signed,
///   for this department and this holder, unexpired and unused (``ConsentLedger``). Without it
///   the answer is 403 `consent-required`; with a bad one 403 and the code's refusal.
/// - Every answer and every refusal is on `audit.access`: one record per licence returned,
///   with the consent code's id, so `shuniu audit who-received` shows the read.
struct LicenceReadRoutes: RouteGroup {
    let runtime: APIRuntime

    func register(on router: Router<APIContext>) {
        router.get("/v1/licences") { request, context in
            try await read(request: request, context: context)
        }
    }

    private func read(request: Request, context: APIContext) async throws -> Response {
        let department = try context.requireDepartment()
        guard let follower = runtime.licences, let ledger = runtime.consents else {
            throw APIError.unavailable("this API was started without the licence register")
        }
        let query = request.uri.queryParameters
        guard let holder = query.get("holder").map({ String($0) }), !holder.isEmpty else {
            throw APIError.badRequest("say whose licences: ?holder=<citizen ID or unified social credit code>")
        }
        let kind = try Self.holderKind(holder)
        let asked = try askedTypes(query.get("type").map { String($0) }, kind: kind)
        guard runtime.grants.staleness < runtime.config.maxGrantStaleness else {
            throw APIError(.serviceUnavailable, "grants-stale",
                           "the grant table could not be brought up to date with ctl.grants; reads resume once the broker answers")
        }
        let time = UTCClock.now()
        let day = CalendarDate(iso: time.prefix(10))
        var purpose = request.headers[.purpose].map { String($0.prefix(200)) }
        func refuse(_ error: APIError, reason: String, grant: Grant? = nil) throws -> Never {
            try runtime.recordReads([AccessEvent(channel: "api", outcome: .denied, department: department, subject: holder, theme: LicenceRow.theme,
                                   grantID: grant?.id, basis: grant?.application.basis, purpose: purpose, time: time, reason: reason)],
                      outcome: "denied")
            throw error
        }
        guard let grant = runtime.grants.table.inForce(theme: LicenceRow.theme, on: day).first(where: { $0.subscriber == department })
        else {
            try refuse(APIError.forbidden("\(department) holds no grant in force on the \(LicenceRow.theme) theme; apply with POST /v1/grants or `shuniu grants apply --theme \(LicenceRow.theme)`"),
                       reason: "no-grant")
        }
        var consent: String?
        if let text = request.headers[.consent] {
            switch ConsentCode.check(String(text), hub: follower.hub, department: department, holder: holder, now: Date()) {
            case .failure(let refusal):
                try refuse(APIError(.forbidden, refusal.rawValue, Self.explain(refusal, department: department, holder: holder)),
                           reason: refusal.rawValue, grant: grant)
            case .success(let code):
                let fresh: Bool
                do {
                    fresh = try ledger.use(code, now: time)
                } catch {
                    context.logger.error("consent ledger not writable: \(error)")
                    throw APIError.unavailable("the consent ledger could not be written, so the consent cannot be spent; the operators' log has the detail")
                }
                guard fresh else {
                    try refuse(APIError(.forbidden, ConsentCode.Refusal.used.rawValue, Self.explain(.used, department: department, holder: holder)),
                               reason: ConsentCode.Refusal.used.rawValue, grant: grant)
                }
                consent = code.id
                purpose = purpose ?? String(code.matter.prefix(200))
            }
        } else if let personal = asked.first(where: { $0.visibility == .personal }) {
            try refuse(APIError(.forbidden, "consent-required",
                                "\(personal.id) is a personal licence: reading it needs the holder's one-time consent code in the Shuniu-Consent header (the holder gives it for \(department) and this matter; `shuniu licence consent --holder \(holder) --to \(department) --for <matter>`). Public types can be asked for alone with ?type=<type>."),
                       reason: "consent-required", grant: grant)
        }
        let wanted = Set(asked.map(\.id))
        let verifier = follower.verifier
        var items: [[UInt8]] = []
        var events: [AccessEvent] = []
        for entry in follower.register.licences(of: holder) where wanted.contains(entry.licence.licenceType) {
            let licence = entry.licence.encoded()
            let verdict = verifier.verify(entry.licence, on: day ?? .latest)
            var item = JSONObjectWriter()
            item.member("status", .string(verdict.status.rawValue))
            item.member("reason", .string(verdict.reason))
            item.member("licence", json: licence)
            items.append(item.finish())
            events.append(AccessEvent(channel: "api", outcome: .read, department: department, subject: holder, theme: LicenceRow.theme,
                                      grantID: grant.id, basis: grant.application.basis, purpose: purpose,
                                      fields: ["licence:" + entry.licence.licenceType] + entry.licence.credentialSubject.fields.keys.sorted(),
                                      value: licence, time: time, consent: consent))
        }
        if events.isEmpty {
            events.append(AccessEvent(channel: "api", outcome: .notFound, department: department, subject: holder, theme: LicenceRow.theme,
                                      grantID: grant.id, basis: grant.application.basis, purpose: purpose, time: time, consent: consent))
        }
        try runtime.recordReads(events, outcome: items.isEmpty ? "not-found" : "read")
        var body = JSONObjectWriter()
        body.member("holder", .string(holder))
        body.member("consent", consent.map { .string($0) } ?? .null)
        body.member("licences", jsonArray: items)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.finish())))
    }

    /// A person by citizen ID or an organisation by credit code; a 400 naming the problem.
    static func holderKind(_ holder: String) throws(APIError) -> LicenceType.Holder {
        if (try? CitizenID(validating: holder)) != nil { return .person }
        if (try? CreditCode(validating: holder)) != nil { return .legalEntity }
        throw APIError(.badRequest, "bad-identifier",
                       "\(holder.prefix(40)) is neither a citizen ID (GB 11643, 18 characters) nor a unified social credit code (GB 32100, 18 characters)")
    }

    /// The type asked for, or every type of the holder's kind.
    private func askedTypes(_ type: String?, kind: LicenceType.Holder) throws(APIError) -> [LicenceType] {
        let ofKind = runtime.catalogue.licenceTypes.filter { $0.holder == kind }
        guard let type else { return ofKind }
        guard let found = ofKind.first(where: { $0.id == type }) else {
            throw APIError.badRequest("\(type.prefix(60)) is not a licence type of a \(kind.rawValue) holder; the types: \(ofKind.map(\.id).joined(separator: ", ")) (`shuniu licence types`)")
        }
        return [found]
    }

    private static func explain(_ refusal: ConsentCode.Refusal, department: String, holder: String) -> String {
        switch refusal {
        case .invalid: "the Shuniu-Consent header is not a consent code signed by this hub; ask the holder for a new one"
        case .expired: "the consent code has expired; ask the holder for a new one"
        case .otherDepartment: "the consent code was given to another department, not \(department)"
        case .otherHolder: "the consent code was given by another holder, not \(holder)"
        case .used: "the consent code has been used already (each is good for one read); ask the holder for a new one"
        }
    }
}

extension HTTPField.Name {
    /// `Shuniu-Consent`: the holder's one-time consent code (`SC1.…`).
    static let consent = HTTPField.Name("Shuniu-Consent")!
}
