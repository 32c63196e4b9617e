import Foundation
import Hummingbird

/// The hub's web portal, served by `shuniu serve` beside the API with the same keys: server
/// rendered HTML that works without JavaScript, Chinese first with an English switch.
///
/// Every page is a GET; every change is a POST of a form that carries the session's CSRF
/// token (synchronizer token, compared in constant time), from a session whose cookie is
/// HttpOnly and SameSite=Strict. The pages call the same rules as the API (the grant
/// workflow, the credit disclosure, the validator), so a form shows the same refusals.
struct Portal: RouteGroup {
    let runtime: APIRuntime
    /// The evaluation, audit check and lag, computed at most once per interval.
    let figures: PortalFigures
    /// Publishes the grid worker form's events; made at the first form posted.
    let publisher: PortalPublisher
    /// Each data use record scans the audit topics: 5 at once per signed-in subject, then one
    /// every 5 seconds (429 beyond), so reloading cannot keep the broker busy.
    let recordScans = ClientRateLimiter(limit: .init(burst: 5, perSecond: 0.2))

    init(runtime: APIRuntime) {
        self.runtime = runtime
        figures = PortalFigures(runtime: runtime)
        publisher = PortalPublisher(client: runtime.config.client)
    }

    /// Whether a route path is one of the portal's (not part of the API's contract).
    static func isPortal(_ path: String) -> Bool { path == "/" || path.hasPrefix("/portal") }

    /// A page's handler: the request, its context and what the portal knows of it.
    typealias Page = @Sendable (Request, APIContext, PortalRequest) async throws -> Response
    /// A form's handler: also the posted fields (the CSRF token already checked).
    typealias Form = @Sendable (Request, APIContext, PortalRequest, FormBody) async throws -> Response

    func register(on router: Router<APIContext>) {
        router.get("/") { _, _ in PortalPage.redirect("/portal") }
        router.get("/portal/style.css") { _, _ in
            PortalPage.answer(PortalStyle.css, type: "text/css; charset=utf-8", cache: "public, max-age=300")
        }
        page(router, "/portal") { _, _, request in PortalHome.page(request, runtime: runtime) }
        SignInPages(portal: self).register(on: router)
        CataloguePages(portal: self).register(on: router)
        WorkspacePages(portal: self).register(on: router)
        OpenDataPages(portal: self).register(on: router)
        CreditPages(portal: self).register(on: router)
        TrackerPages(portal: self).register(on: router)
        OpsPages(portal: self).register(on: router)
        GridWorkerPages(portal: self).register(on: router)
    }

    /// Registers a page: an ``APIError`` thrown by it becomes an HTML error page.
    func page(_ router: Router<APIContext>, _ path: RouterPath, _ handler: @escaping Page) {
        router.get(path) { request, context in
            let portal = self.request(request)
            do {
                return try await handler(request, context, portal)
            } catch let error as APIError {
                return PortalPage.error(portal, error)
            }
        }
    }

    /// Registers a form's POST: a signed-in session and its CSRF token are required (403
    /// `csrf-invalid` without them; nothing is done), then the fields go to `handler`.
    func form(_ router: Router<APIContext>, _ path: RouterPath, _ handler: @escaping Form) {
        router.post(path) { request, context in
            let portal = self.request(request)
            do {
                let form = try await Self.body(request, context)
                guard let session = portal.session else {
                    throw APIError.unauthorized(portal.t("会话已结束，请重新登录后再提交。", "the session has ended: sign in again, then send the form again"))
                }
                guard let token = form["csrf"], PortalSessions.same(token, session.csrf) else {
                    throw APIError(.forbidden, "csrf-invalid", portal.t("表单缺少本会话的防伪令牌，未执行任何操作；请从门户页面重新提交。",
                                                                      "the form does not carry this session's anti-forgery token; nothing was done: send it again from the portal's page"))
                }
                return try await handler(request, context, portal, form)
            } catch let error as APIError {
                return PortalPage.error(portal, error)
            }
        }
    }

    /// The request as the portal sees it: the language (query, then cookie, then Chinese)
    /// and the live session its cookie names, if the key it was opened with is still valid.
    func request(_ request: Request) -> PortalRequest {
        let chosen = request.uri.queryParameters.get("lang").flatMap { PortalLanguage(rawValue: String($0)) }
        let remembered = request.cookies[PortalRequest.languageCookie].flatMap { PortalLanguage(rawValue: $0.value) }
        var sessionID = request.cookies[PortalRequest.sessionCookie]?.value
        var session = sessionID.flatMap { runtime.sessions.session($0) }
        if let live = session, !runtime.keys.isValid(keyID: live.user.keyID) {
            runtime.sessions.close(sessionID ?? "")
            session = nil
        }
        if session == nil { sessionID = nil }
        let items = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        return PortalRequest(lang: chosen ?? remembered ?? .zh, languageChosen: chosen != nil, sessionID: sessionID,
                             session: session, path: request.uri.path, queryItems: items)
    }

    /// A posted form's fields (at most ``APIContext/bodyLimit`` bytes: 413 beyond).
    static func body(_ request: Request, _ context: APIContext) async throws -> FormBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "body-too-large", "the form is larger than \(APIContext.bodyLimit) bytes")
        }
        return FormBody(bytes: buffer.readableBytesView)
    }

    /// The department signed in, or a 401 page pointing at the sign-in.
    static func requireDepartment(_ request: PortalRequest) throws(APIError) -> String {
        guard let department = request.department else {
            throw APIError.unauthorized(request.t("此页面需要以部门身份登录（部门的 API 密钥）。", "this page needs a department's sign-in (the department's API key)")
                                        + " → /portal/sign-in?next=" + request.path)
        }
        return department
    }
}

extension PortalUser {
    /// The id of the key the session was opened with.
    var keyID: String {
        switch self {
        case .department(_, let id), .citizen(_, let id), .ops(let id): id
        }
    }
}
