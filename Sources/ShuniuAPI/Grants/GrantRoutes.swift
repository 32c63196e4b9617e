import Foundation
import Hummingbird
import ShuniuModel

/// The grant workflow over HTTP, mirroring `shuniu grants`: the caller's key names the
/// department that applies, decides, arbitrates or revokes, and the same `GrantWorkflow`
/// rules decide. Each step is appended to `ctl.grants` before the answer.
struct GrantRoutes: RouteGroup {
    let runtime: APIRuntime

    /// `POST /v1/grants`: an application by the caller (the subscriber).
    struct Application: Decodable {
        var theme: String, function: String, basis: String, fields: [String]
        var masks: [String: String]?, scope: [String: [String]]?, until: String?, noticeDelayDays: Int?
    }

    /// The body of approve, reject and revoke.
    struct Decision: Decodable { var reason: String? }

    /// The body of arbitrate.
    struct Arbitration: Decodable { var approve: Bool, reason: String }

    /// A grant as answered.
    struct Entry: Encodable {
        var id: String, theme: String, subscriber: String, function: String, basis: String, state: String
        var fields: [String], masks: [String: String], scope: [String: [String]], until: String?
        var noticeDelayDays: Int?
        var history: [GrantEvent]

        init(_ grant: Grant) {
            id = grant.id
            theme = grant.theme
            subscriber = grant.subscriber
            function = grant.application.function
            basis = grant.application.basis
            state = grant.state.rawValue
            fields = grant.deliveredFields
            masks = grant.masks.mapValues(\.description)
            scope = grant.application.scope
            until = grant.application.until
            noticeDelayDays = grant.application.noticeDelayDays
            history = grant.history
        }
    }

    func register(on router: Router<APIContext>) {
        router.get("/v1/grants") { _, context in
            let department = try context.requireDepartment()
            let mine = runtime.grants.table.all.filter { isParty(department, to: $0) }
            return try JSONResponse.make(["grants": mine.map(Entry.init)])
        }
        router.get("/v1/grants/:id") { _, context in
            let department = try context.requireDepartment()
            return try JSONResponse.make(Entry(try grant(context, visibleTo: department)))
        }
        router.post("/v1/grants") { request, context in
            let department = try context.requireDepartment()
            let body = try await JSONResponse.decode(Application.self, from: request, context: context)
            let application = GrantApplication(subscriber: department, theme: body.theme, function: body.function,
                                               basis: body.basis, fields: body.fields, masks: body.masks ?? [:],
                                               scope: body.scope ?? [:], until: body.until, noticeDelayDays: body.noticeDelayDays)
            let id = Self.newID()
            let events = try await record(context) { table throws(GrantRefusal) in
                try workflow.apply(application, id: id, at: UTCClock.now(), table: table)
            }
            return try JSONResponse.make(Entry(try grant(id, after: events)), status: .created)
        }
        router.post("/v1/grants/:id/approve") { request, context in
            try await decide(request, context, approve: true)
        }
        router.post("/v1/grants/:id/reject") { request, context in
            try await decide(request, context, approve: false)
        }
        router.post("/v1/grants/:id/arbitrate") { request, context in
            let department = try context.requireDepartment()
            let id = try context.parameters.require("id")
            guard department == runtime.catalogue.arbitration.id else {
                throw APIError.forbidden("only the arbitration body \(runtime.catalogue.arbitration.id) arbitrates, not \(department)")
            }
            let body = try await JSONResponse.decode(Arbitration.self, from: request, context: context)
            let events = try await record(context) { table throws(GrantRefusal) in
                [try workflow.arbitrate(id, approve: body.approve, reason: body.reason, at: UTCClock.now(), table: table)]
            }
            return try JSONResponse.make(Entry(try grant(id, after: events)))
        }
        router.post("/v1/grants/:id/revoke") { request, context in
            let department = try context.requireDepartment()
            let id = try context.parameters.require("id")
            let body = try await JSONResponse.decode(Decision.self, from: request, context: context)
            let events = try await record(context) { table throws(GrantRefusal) in
                [try workflow.revoke(id, by: department, reason: body.reason ?? "", at: UTCClock.now(), table: table)]
            }
            return try JSONResponse.make(Entry(try grant(id, after: events)))
        }
    }

    private var workflow: GrantWorkflow { GrantWorkflow(catalogue: runtime.catalogue) }

    private func decide(_ request: Request, _ context: APIContext, approve: Bool) async throws -> Response {
        let department = try context.requireDepartment()
        let id = try context.parameters.require("id")
        let body = try await JSONResponse.decode(Decision.self, from: request, context: context)
        let events = try await record(context) { table throws(GrantRefusal) in
            [try workflow.decide(id, approve: approve, by: department, reason: body.reason, at: UTCClock.now(), table: table)]
        }
        return try JSONResponse.make(Entry(try grant(id, after: events)))
    }

    /// The subscriber, the theme's provider and the arbitration body see a grant.
    private func isParty(_ department: String, to grant: Grant) -> Bool {
        department == grant.subscriber || department == runtime.catalogue.arbitration.id
            || department == runtime.catalogue.theme(grant.theme)?.provider
    }

    private func grant(_ context: APIContext, visibleTo department: String) throws -> Grant {
        let id = try context.parameters.require("id")
        guard let grant = runtime.grants.table.grant(id) else {
            throw APIError(.notFound, "unknown-grant", "no grant \(id.prefix(40)); GET /v1/grants lists yours")
        }
        guard isParty(department, to: grant) else {
            throw APIError.forbidden("grant \(id) is between \(grant.subscriber) and the provider of \(grant.theme); \(department) is not a party")
        }
        return grant
    }

    private func grant(_ id: String, after events: [GrantEvent]) throws -> Grant {
        guard let grant = runtime.grants.table.grant(id) else {
            throw APIError.unavailable("the step was written to ctl.grants but is not read back yet; GET /v1/grants/\(id) shortly")
        }
        return grant
    }

    /// Runs a workflow step on the current table and appends its events (signed by the hub,
    /// naming the caller's key); a refusal becomes an error with the workflow's code (403 for
    /// the wrong party, 404 unknown grant, 409 wrong state, 400 otherwise). The portal's forms
    /// take the same path.
    static func record(_ runtime: APIRuntime, apiKey: String?, _ make: (GrantTable) throws(GrantRefusal) -> [GrantEvent]) async throws(APIError) -> [GrantEvent] {
        let events: [GrantEvent]
        do {
            try await runtime.grants.catchUp()
            events = try make(runtime.grants.table)
        } catch let refusal as GrantRefusal {
            throw APIError(Self.status(refusal.code), refusal.code.rawValue, refusal.message)
        } catch {
            throw APIError.unavailable("ctl.grants is not reachable: \(error); retry when the broker answers")
        }
        do {
            try await runtime.grants.append(events, apiKey: apiKey ?? "unknown")
        } catch {
            throw APIError.unavailable("the step could not be written to ctl.grants: \(error); retry when the broker answers")
        }
        return events
    }

    private func record(_ context: APIContext, _ make: (GrantTable) throws(GrantRefusal) -> [GrantEvent]) async throws -> [GrantEvent] {
        try await Self.record(runtime, apiKey: context.departmentKey, make)
    }

    /// A new grant id: `g-` and 16 random hex digits.
    static func newID() -> String { "g-" + String(UInt64.random(in: 0...UInt64.max), radix: 16).paddedHex }

    static func status(_ code: GrantRefusal.Code) -> HTTPResponse.Status {
        switch code {
        case .notProvider, .notArbitrator, .notParty: .forbidden
        case .unknownGrant: .notFound
        case .wrongState, .duplicateGrant: .conflict
        default: .badRequest
        }
    }
}

extension String {
    /// Left-padded with zeros to 16 characters (grant ids: `g-` and 16 hex digits).
    var paddedHex: String { count >= 16 ? self : String(repeating: "0", count: 16 - count) + self }
}
