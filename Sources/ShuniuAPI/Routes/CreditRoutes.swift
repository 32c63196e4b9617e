import Foundation
import Hummingbird
import NIOCore
import ShuniuAudit
import ShuniuCredit
import ShuniuModel

/// `GET /v1/credit/{subject}` (the public view without a key, the caller's authorised view
/// with one) and `GET /v1/credit/objections` (objections, `?subject=`, `?overdue=true`). An
/// authorised view is a read of non-public data and goes to `audit.access` like a look-up.
/// Keyless look-ups are rate-limited per client address (`APIConfig.publicCreditLimit`, 429
/// `rate-limited` with `Retry-After`); objections are listed only to the providers of the
/// records objected to and to the hub's operators (``ObjectionVisibility``).
struct CreditRoutes: RouteGroup {
    let runtime: APIRuntime
    private var limiter: ClientRateLimiter { runtime.publicLimiter }

    func register(on router: Router<APIContext>) {
        router.get("/v1/credit/objections") { request, context in
            let department = try context.requireDepartment()
            let credit = try reader()
            let subject = request.uri.queryParameters.get("subject")
            if let subject, !Self.isSubject(subject) {
                throw APIError(.badRequest, "bad-identifier",
                               "subject=\(subject.prefix(40)) is neither a citizen ID (GB 11643) nor a unified social credit code (GB 32100)")
            }
            let overdueText = request.uri.queryParameters.get("overdue")
            guard overdueText == nil || overdueText == "true" || overdueText == "false" else {
                throw APIError.badRequest("overdue=\(overdueText?.prefix(20) ?? "") is not a flag; use overdue=true or overdue=false")
            }
            let overdue = overdueText == "true"
            let objections = ObjectionVisibility.visible(try credit.objections(subject: subject, overdueOn: overdue ? today() : nil),
                                                         to: department, catalogue: runtime.catalogue)
            return try JSONResponse.make(objections.map { ObjectionJSON($0, due: credit.due($0).description) })
        }
        router.get("/v1/credit/:subject") { request, context in
            if context.department == nil, case .limited(let seconds) = limiter.take(context.clientAddress) {
                throw APIError.rateLimited(retryAfter: seconds)
            }
            let subject = try context.parameters.require("subject").uppercased()
            guard Self.isSubject(subject) else {
                throw APIError(.badRequest, "bad-identifier",
                               "\(subject.prefix(40)) is neither a citizen ID (GB 11643) nor a unified social credit code (GB 32100) with a valid check character")
            }
            let credit = try reader()
            let day = today()
            guard let department = context.department else {
                return json(CreditViewJSON.encode(try credit.publicView(subject, on: day)))
            }
            let view = try credit.authorisedView(subject, department: department, grants: runtime.grants.table, on: day,
                                                 keys: runtime.pseudonyms)
            let body = CreditViewJSON.encode(view)
            let event = AccessEvent(channel: "api", outcome: view.entries.isEmpty ? .notFound : .read, department: department,
                                    subject: subject, theme: "credit",
                                    purpose: request.headers[.purpose].map { String($0.prefix(200)) },
                                    fields: view.entries.map(\.record), value: body, time: UTCClock.now())
            try runtime.audit.record([event])  // 503 audit-unavailable when it cannot be buffered
            return json(body)
        }
    }

    /// A valid citizen ID or unified social credit code.
    static func isSubject(_ text: String) -> Bool {
        (try? CitizenID(validating: text)) != nil || (try? CreditCode(validating: text)) != nil
    }

    private func reader() throws(APIError) -> CreditReader {
        guard let credit = runtime.credit else {
            throw APIError.unavailable("this API was started without a credit library; start it with --credit-library FILE")
        }
        return credit
    }

    private func today() -> CalendarDate { UTCClock.day() }

    private func json(_ body: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// An objection as the API lists it.
struct ObjectionJSON: Encodable {
    var id, subject, record, theme, state, reason, filedAt, due: String
    var decidedBy, decidedAt, decisionReason, correction: String?

    init(_ objection: Objection, due: String) {
        id = objection.id
        subject = objection.subject
        record = objection.record
        theme = objection.theme
        state = "\(objection.state)"
        reason = objection.reason
        filedAt = objection.filedAt
        self.due = due
        decidedBy = objection.decidedBy
        decidedAt = objection.decidedAt
        decisionReason = objection.decisionReason
        correction = objection.correction
    }
}
