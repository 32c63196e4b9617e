import Foundation
import Hummingbird

/// Sign-in and sign-out. Staff sign in with their department's API key, operators with an
/// ops key, citizens with a citizen token: the key is checked against the key file as the
/// API checks it and never stored in the browser (the session cookie names a server-side
/// session). The sign-in form has its own CSRF token (double submit: a cookie and a field)
/// so another site cannot sign a browser in under someone else's key.
struct SignInPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        router.get("/portal/sign-in") { request, _ in
            let page = portal.request(request)
            return form(page, next: page.query("next"), error: nil)
        }
        router.post("/portal/sign-in") { request, context in
            let page = portal.request(request)
            let body: FormBody
            do { body = try await Portal.body(request, context) } catch let error as APIError { return PortalPage.error(page, error) }
            let next = body["next"]
            guard let cookie = request.cookies[PortalRequest.signInCookie]?.value, let token = body["csrf"],
                  PortalSessions.same(cookie, token) else {
                return form(page, next: next, error: page.t("表单已过期（防伪令牌不符），请重新输入。", "the form has expired (its anti-forgery token does not match): enter the key again"),
                            status: .forbidden)
            }
            guard let text = body["key"], let caller = portal.runtime.keys.caller(bearer: Substring(text)) else {
                return form(page, next: next, error: page.t("密钥无效或已吊销。请检查输入，或向枢纽运行人员申请新密钥（shuniu keys issue）。",
                                                            "the key is unknown or revoked: check it, or ask the hub's operators for a new one (shuniu keys issue)"),
                            status: .unauthorized)
            }
            let user: PortalUser = switch caller {
            case .department(let id, let keyID): .department(id, keyID: keyID)
            case .ops(let keyID): .ops(keyID: keyID)
            case .citizen(let id, let keyID): .citizen(id, keyID: keyID)
            }
            if let old = page.sessionID { portal.runtime.sessions.close(old) }
            let id = portal.runtime.sessions.open(user)
            var response = PortalPage.redirect(Self.safe(next) ?? Self.home(of: user))
            response.setCookie(Cookie(name: PortalRequest.sessionCookie, value: id, path: "/", secure: secure,
                                      httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: PortalRequest.signInCookie, value: "", maxAge: 0, path: "/portal/sign-in", secure: secure,
                                      httpOnly: true, sameSite: .strict))
            portal.runtime.logger.info("portal sign-in", metadata: ["key": "\(user.keyID)"])
            return response
        }
        portal.form(router, "/portal/sign-out") { _, _, page, _ in
            if let id = page.sessionID { portal.runtime.sessions.close(id) }
            var response = PortalPage.redirect("/portal")
            response.setCookie(Cookie(name: PortalRequest.sessionCookie, value: "", maxAge: 0, path: "/", secure: secure,
                                      httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// Cookies are `Secure` when the portal is reached over HTTPS (`--public-url https://…`).
    private var secure: Bool { portal.runtime.config.publicURL?.hasPrefix("https://") ?? false }

    private func form(_ page: PortalRequest, next: String?, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = PortalSessions.token()
        let alert: HTML = error.map { "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">\($0)</p>" } ?? .empty
        var response = PortalPage.page(page, title: page.t("登录", "Sign in"), status: status, """
            \(alert)
            <form method="post" action="/portal/sign-in" class="card">
            <input type="hidden" name="csrf" value="\(token)">
            <input type="hidden" name="next" value="\(Self.safe(next) ?? "")">
            <label for="key">\(page.t("密钥", "Key"))</label>
            <input id="key" name="key" type="password" autocomplete="off" required aria-describedby="key-help" size="40">
            <p id="key-help" class="help">\(page.t("部门工作人员：本部门的 API 密钥（shk_…）；运行人员：运行密钥；市民：市民令牌（统一身份认证登录的替身，由 shuniu keys issue --citizen 签发）。",
                                                  "Department staff: your department's API key (shk_…); operators: an ops key; citizens: a citizen token (standing in for the city's unified identity login; issued by shuniu keys issue --citizen)."))</p>
            <button type="submit">\(page.t("登录", "Sign in"))</button>
            </form>
            """)
        response.setCookie(Cookie(name: PortalRequest.signInCookie, value: token, maxAge: 3_600, path: "/portal/sign-in", secure: secure,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    /// A return path inside the portal, or nil (no open redirect).
    static func safe(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/portal"), !next.contains("//"), !next.contains("\\"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        return next
    }

    /// Where each kind of user lands.
    static func home(of user: PortalUser) -> String {
        switch user {
        case .department: "/portal/workspace"
        case .citizen: "/portal/me"
        case .ops: "/portal/ops"
        }
    }
}
