import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ShuniuModel

/// The portal's page frame and answers: one layout (header, navigation, language switch,
/// sign-in state), HTML answers with a strict Content-Security-Policy, redirects and error pages.
enum PortalPage {
    /// The navigation: path, Chinese and English label.
    static let sections: [(path: String, zh: String, en: String)] = [
        ("/portal/catalogue", "共享目录", "Catalogue"),
        ("/portal/open", "开放数据", "Open data"),
        ("/portal/credit", "信用公示", "Credit publicity"),
        ("/portal/me", "我的数据使用记录", "My data use record"),
        ("/portal/workspace", "部门工作台", "Department workspace"),
        ("/portal/grid", "网格员采集", "Grid worker"),
        ("/portal/ops", "运行监控", "Operations"),
    ]

    /// A whole page.
    static func page(_ request: PortalRequest, title: String, status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        let nav = HTML.join(sections.map { section in
            let current = request.path.hasPrefix(section.path) ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(section.path)\"\(HTML(raw: current))>\(request.t(section.zh, section.en))</a></li>"
        })
        let who: HTML
        switch request.session?.user {
        case .department(let id, _)?:
            who = "<span class=\"who\">\(request.t("已登录", "Signed in as")) <strong>\(id)</strong></span> \(signOut(request))"
        case .citizen(let id, _)?:
            who = "<span class=\"who\">\(request.t("已登录", "Signed in as")) <strong>\(Self.maskedID(id))</strong></span> \(signOut(request))"
        case .ops?:
            who = "<span class=\"who\">\(request.t("已登录：运行人员", "Signed in: operator"))</span> \(signOut(request))"
        case nil:
            who = "<a href=\"/portal/sign-in?next=\(Self.percent(request.path))\">\(request.t("登录", "Sign in"))</a>"
        }
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="\(request.lang.tag)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(request.t("枢纽 政务信息共享", "Shuniu information-sharing hub"))</title>
            <link rel="stylesheet" href="/portal/style.css"></head>
            <body>
            <a class="skip" href="#main">\(request.t("跳到正文", "Skip to content"))</a>
            <header><div class="bar"><a class="brand" href="/portal">\(request.t("枢纽 · 政务信息资源共享平台", "Shuniu · government information-sharing hub"))</a>
            <span class="tools">\(who) <a lang="\(request.lang.other.tag)" href="\(languageSwitch(request))">\(request.lang.switchLabel)</a></span></div>
            <nav aria-label="\(request.t("主导航", "Main"))"><ul>\(nav)</ul></nav></header>
            <main id="main"><h1>\(title)</h1>
            \(body)
            </main>
            <footer>\(request.t("按法定职能共享 · 每次交换均可审计", "Shared by legal function · every exchange audited"))</footer>
            </body></html>
            """
        var response = answer(html.markup, type: "text/html; charset=utf-8", status: status)
        if request.languageChosen {
            response.setCookie(Cookie(name: PortalRequest.languageCookie, value: request.lang.rawValue, maxAge: 365 * 86_400,
                                      path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// An error page: the status, the code and the message with the fix in it.
    static func error(_ request: PortalRequest, _ error: APIError) -> Response {
        let title = error.status == .forbidden ? request.t("无权访问", "Forbidden")
            : error.status == .notFound ? request.t("未找到", "Not found")
            : error.status == .unauthorized ? request.t("需要登录", "Sign-in needed")
            : request.t("无法完成", "Cannot be done")
        return page(request, title: title, status: error.status, """
            <p class="error" role="alert"><strong>\(error.status.code) \(error.code)</strong>: \(error.message)</p>
            <p><a href="/portal">\(request.t("返回首页", "Back to the start page"))</a></p>
            """)
    }

    /// 303 See Other to `location` (after a form post).
    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// An answer with the portal's security headers.
    static func answer(_ text: String, type: String, status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        answer(Array(text.utf8), type: type, status: status, cache: cache)
    }

    /// An answer of bytes with the portal's security headers.
    static func answer(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = cache
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        if let referrer = HTTPField.Name("Referrer-Policy") { headers[referrer] = "same-origin" }
        if let frame = HTTPField.Name("X-Frame-Options") { headers[frame] = "DENY" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The sign-out button (a form: signing out changes state, so it is a POST with the token).
    static func signOut(_ request: PortalRequest) -> HTML {
        "<form class=\"inline\" method=\"post\" action=\"/portal/sign-out\">\(request.csrfField)<button type=\"submit\">\(request.t("退出", "Sign out"))</button></form>"
    }

    /// The current page in the other language.
    static func languageSwitch(_ request: PortalRequest) -> String {
        var items = request.queryItems.filter { $0.name != "lang" }.map { "\(percent($0.name))=\(percent($0.value))" }
        items.append("lang=\(request.lang.other.rawValue)")
        return request.path + "?" + items.joined(separator: "&")
    }

    /// Percent-encodes a query value.
    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryValue) ?? ""
    }

    /// A citizen ID or credit code as shown in the header: the first 6 and last 4 characters.
    static func maskedID(_ id: String) -> String { MaskRule.partialText(id) }
}

extension CharacterSet {
    /// Characters a query value keeps unescaped.
    static let urlQueryValue = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
